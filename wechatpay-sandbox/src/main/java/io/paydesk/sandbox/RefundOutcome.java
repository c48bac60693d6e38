package io.paydesk.sandbox;

/** The final {@code refund_status} a PROCESSING refund is given after the refund delay. */
public enum RefundOutcome {
  SUCCESS,
  /** The refund to a bank card failed: WeChat's "needs manual handling". */
  CHANGE,
  REFUNDCLOSE
}
