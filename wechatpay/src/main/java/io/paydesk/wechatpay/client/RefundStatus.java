package io.paydesk.wechatpay.client;

/** {@code refund_status} / {@code refund_status_$n}. */
public enum RefundStatus {
  PROCESSING,
  SUCCESS,
  /** Refund to a bank card failed: needs manual handling. */
  CHANGE,
  REFUNDCLOSE,
  /** A value this version does not know; the raw text is in the message's fields. */
  UNRECOGNIZED;

  public static RefundStatus of(String raw) {
    for (RefundStatus status : values()) {
      if (status != UNRECOGNIZED && status.name().equals(raw)) {
        return status;
      }
    }
    return UNRECOGNIZED;
  }
}
