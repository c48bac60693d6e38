package io.paydesk.admin;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The screen's edge: fen shown as yuan, instants in the console's time zone ({@code
 * paydesk.console.zone}, Beijing time by default), and back from what staff type.
 */
@Named("fmt")
@ApplicationScoped
public class Format {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Inject
  @ConfigProperty(name = "paydesk.console.zone", defaultValue = "Asia/Shanghai")
  String zone;

  /** 123456 fen → "¥1,234.56". */
  public String yuan(long fen) {
    return "¥" + amount(fen);
  }

  /** 123456 fen → "1,234.56". */
  public String amount(long fen) {
    return yuanOf(fen);
  }

  /** 123456 fen → "1,234.56", for beans that format outside a page. */
  public static String yuanOf(long fen) {
    DecimalFormat format =
        new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return format.format(BigDecimal.valueOf(fen, 2));
  }

  /** WeChat's fees, kept in 0.001 fen, as yuan to the last digit: 15006 → "¥0.15006". */
  public String fee(long milliFen) {
    DecimalFormat format =
        new DecimalFormat("#,##0.00###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return "¥" + format.format(BigDecimal.valueOf(milliFen, 5));
  }

  /** Like {@link #yuan(long)}, empty for null (an amount one side does not have). */
  public String yuanOrEmpty(Long fen) {
    return fen == null ? "" : yuan(fen);
  }

  /** An instant in the console's zone, to the second; empty for null. */
  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(zoneId()));
  }

  /** An instant given as ISO-8601 text ("2026-11-28T02:00:00Z"), as {@link #time}; else as is. */
  public String isoTime(String instant) {
    if (instant == null || instant.isBlank()) {
      return "";
    }
    try {
      return time(Instant.parse(instant));
    } catch (DateTimeParseException e) {
      return instant;
    }
  }

  /** "a, b" (or "a、b") for a list of names; empty for none. */
  public String join(java.util.Collection<String> names) {
    return names == null ? "" : String.join(Texts.get("list.separator"), names);
  }

  public String zoneName() {
    return zone;
  }

  /**
   * "12.34" or "12" yuan → fen; null for blank. {@code field}: the bundle key of the field's name.
   */
  public Long fen(String yuan, String field) {
    if (yuan == null || yuan.isBlank()) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(yuan.strip().replace(",", ""));
      if (value.signum() < 0 || value.scale() > 2) {
        throw new NumberFormatException();
      }
      return value.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, Texts.get("format.amount", Texts.get(field)));
    }
  }

  /**
   * The start of a day ("2026-11-28") in the console's zone; null for blank. {@code field}: the
   * bundle key of the field's name.
   */
  public Instant startOfDay(String date, String field) {
    if (date == null || date.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(date.strip()).atStartOfDay(zoneId()).toInstant();
    } catch (DateTimeParseException e) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, Texts.get("format.date", Texts.get(field)));
    }
  }

  /** The console's time zone ({@code paydesk.console.zone}). */
  public ZoneId zone() {
    return zoneId();
  }

  private ZoneId zoneId() {
    return ZoneId.of(zone);
  }
}
