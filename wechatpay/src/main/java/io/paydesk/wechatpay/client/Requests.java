package io.paydesk.wechatpay.client;

/** Argument checks shared by the request records. */
final class Requests {
  private Requests() {}

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  /** out_trade_no / out_refund_no: 1 to 32 of [0-9A-Za-z_-|*@]. */
  static void requireOrderNumber(String value, String name) {
    requireText(value, name);
    if (value.length() > 32 || !value.matches("[0-9A-Za-z_\\-|*@]+")) {
      throw new IllegalArgumentException(name + " must be 1-32 of [0-9A-Za-z_-|*@]");
    }
  }

  static void requirePositive(long fen, String name) {
    if (fen <= 0) {
      throw new IllegalArgumentException(name + " must be a positive amount of fen");
    }
  }
}
