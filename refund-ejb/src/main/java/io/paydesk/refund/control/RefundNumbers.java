package io.paydesk.refund.control;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Makes out_refund_nos: 32 characters, "RF", the UTC date and time, 18 random hex digits. */
public final class RefundNumbers {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RefundNumbers() {}

  public static String newOutRefundNo(Instant now) {
    byte[] random = new byte[9];
    RANDOM.nextBytes(random);
    return "RF" + TIME.format(now) + HexFormat.of().formatHex(random);
  }
}
