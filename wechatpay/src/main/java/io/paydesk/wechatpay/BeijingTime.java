package io.paydesk.wechatpay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * WeChat's times are Beijing time (UTC+8, no daylight saving since 1991). They are converted to
 * {@link Instant} here, at the protocol edge, and nowhere else.
 */
public final class BeijingTime {
  /** China Standard Time. */
  public static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);

  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private BeijingTime() {}

  /**
   * Parses {@code yyyyMMddHHmmss} (API fields such as time_end) or {@code yyyy-MM-dd HH:mm:ss}
   * (bills, refund success times).
   *
   * @throws IllegalArgumentException if the text is neither
   */
  public static Instant parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no time");
    }
    if (text.length() == 14) {
      return of(text, 0, 4, 6, 8, 10, 12);
    }
    if (text.length() == 19
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == ' '
        && text.charAt(13) == ':'
        && text.charAt(16) == ':') {
      return of(text, 0, 5, 8, 11, 14, 17);
    }
    throw new IllegalArgumentException("not a WeChat time: " + text);
  }

  /** Formats as {@code yyyyMMddHHmmss} in Beijing time (time_start, time_expire). */
  public static String format(Instant instant) {
    return COMPACT.format(instant.atOffset(OFFSET));
  }

  /** Formats a bill date as {@code yyyyMMdd}. */
  public static String formatDate(LocalDate date) {
    return DATE.format(date);
  }

  /**
   * Parses API v3's RFC 3339 times ({@code 2018-06-08T10:34:56+08:00}; any offset is honoured).
   *
   * @throws IllegalArgumentException if the text is not one
   */
  public static Instant parseRfc3339(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no time");
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("not an RFC 3339 time: " + text, e);
    }
  }

  /** Formats as API v3 does: RFC 3339 in Beijing time, {@code 2018-06-08T10:34:56+08:00}. */
  public static String formatRfc3339(Instant instant) {
    return RFC3339.format(instant.atOffset(OFFSET));
  }

  /** Formats a bill date as API v3 does: {@code yyyy-MM-dd}. */
  public static String formatIsoDate(LocalDate date) {
    return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
  }

  private static Instant of(String s, int y, int mo, int d, int h, int mi, int se) {
    try {
      return LocalDateTime.of(
              digits(s, y, 4),
              digits(s, mo, 2),
              digits(s, d, 2),
              digits(s, h, 2),
              digits(s, mi, 2),
              digits(s, se, 2))
          .toInstant(OFFSET);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("not a WeChat time: " + s, e);
    }
  }

  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a WeChat time: " + s);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
