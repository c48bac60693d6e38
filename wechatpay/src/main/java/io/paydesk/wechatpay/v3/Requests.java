package io.paydesk.wechatpay.v3;

/** Argument checks shared by the v3 request records. */
final class Requests {
  private Requests() {}

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  /** out_trade_no / out_refund_no: 6 to 32 of [0-9A-Za-z_-|*@] (v3 asks for at least 6). */
  static void requireOrderNumber(String value, String name) {
    requireText(value, name);
    if (value.length() < 6 || value.length() > 32 || !value.matches("[0-9A-Za-z_\\-|*@]+")) {
      throw new IllegalArgumentException(name + " must be 6-32 of [0-9A-Za-z_-|*@]");
    }
  }

  static void requirePositive(long fen, String name) {
    if (fen <= 0) {
      throw new IllegalArgumentException(name + " must be a positive amount of fen");
    }
  }
}
