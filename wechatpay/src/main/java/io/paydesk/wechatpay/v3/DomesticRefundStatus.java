package io.paydesk.wechatpay.v3;

/** A v3 refund's {@code status} / {@code refund_status}. */
public enum DomesticRefundStatus {
  SUCCESS,
  CLOSED,
  PROCESSING,
  /** The refund to the buyer's bank card failed: manual handling (v2's CHANGE). */
  ABNORMAL,
  /** A value this version does not know; {@link DomesticRefund#rawStatus()} has the text. */
  UNRECOGNIZED;

  public static DomesticRefundStatus of(String raw) {
    for (DomesticRefundStatus s : values()) {
      if (s != UNRECOGNIZED && s.name().equals(raw)) {
        return s;
      }
    }
    return UNRECOGNIZED;
  }
}
