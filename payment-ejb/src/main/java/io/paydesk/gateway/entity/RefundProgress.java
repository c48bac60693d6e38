package io.paydesk.gateway.entity;

/** Where WeChat says a refund it accepted stands. */
public enum RefundProgress {
  /** Still paying it out: ask again later. */
  PROCESSING,
  /** The money went back to the buyer. */
  REFUNDED,
  /**
   * The refund to the buyer's bank card failed and the money is back in the merchant account. Final
   * for WeChat; a person must refund the buyer another way.
   */
  BANK_CARD_FAILED,
  /** WeChat closed the refund; nothing was refunded. */
  CLOSED,
  /** A state this version does not know: ask again later, never guess. */
  UNKNOWN
}
