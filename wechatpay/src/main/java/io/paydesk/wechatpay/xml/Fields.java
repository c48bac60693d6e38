package io.paydesk.wechatpay.xml;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.time.Instant;
import java.util.Map;

/** Typed reads from a parsed message; a missing or malformed field is a typed exception. */
public final class Fields {
  private Fields() {}

  /** The non-empty value of {@code name}. */
  public static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw new WeChatPayException(Code.FIELD_MISSING, "missing field " + name);
    }
    return value;
  }

  /** The value of {@code name}, or null when absent or empty. */
  public static String optional(Map<String, String> fields, String name) {
    String value = fields.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** An integer amount in fen (WeChat API fields are integer fen). */
  public static long requiredFen(Map<String, String> fields, String name) {
    return fen(name, required(fields, name));
  }

  /** An integer amount in fen, or null when absent. */
  public static Long optionalFen(Map<String, String> fields, String name) {
    String value = optional(fields, name);
    return value == null ? null : fen(name, value);
  }

  /** An integer (e.g. {@code refund_count}), or {@code fallback} when absent. */
  public static int optionalInt(Map<String, String> fields, String name, int fallback) {
    String value = optional(fields, name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new WeChatPayException(Code.FIELD_INVALID, "not an integer: " + name);
    }
  }

  /** A Beijing time ({@code yyyyMMddHHmmss} or {@code yyyy-MM-dd HH:mm:ss}), or null. */
  public static Instant optionalTime(Map<String, String> fields, String name) {
    String value = optional(fields, name);
    if (value == null) {
      return null;
    }
    try {
      return BeijingTime.parse(value);
    } catch (IllegalArgumentException e) {
      throw new WeChatPayException(Code.FIELD_INVALID, "not a time: " + name);
    }
  }

  private static long fen(String name, String value) {
    if (value.isEmpty() || value.length() > 18) {
      throw new WeChatPayException(Code.FIELD_INVALID, "not an amount in fen: " + name);
    }
    long result = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new WeChatPayException(Code.FIELD_INVALID, "not an amount in fen: " + name);
      }
      result = result * 10 + (c - '0');
    }
    return result;
  }
}
