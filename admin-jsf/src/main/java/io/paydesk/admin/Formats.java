package io.paydesk.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How pages show times and money: {@code #{formats.beijing(instant)}} (the shop's clock, UTC+8) and
 * {@code #{formats.yuan(fen)}}.
 */
@Named
@ApplicationScoped
public class Formats {

  private static final DateTimeFormatter BEIJING =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
          .withZone(ZoneId.of("Asia/Shanghai"));

  public String beijing(Instant instant) {
    return instant == null ? "" : BEIJING.format(instant);
  }

  public String yuan(long fen) {
    return String.format(
        Locale.ROOT, "%s%d.%02d", fen < 0 ? "-" : "", Math.abs(fen) / 100, Math.abs(fen) % 100);
  }
}
