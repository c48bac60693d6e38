package io.paydesk.reconciliation.entity;

/** The kinds of disagreement between WeChat's bill and PayDesk's records. */
public enum DiscrepancyType {
  /** WeChat has the payment; PayDesk has none, or one not (yet) paid. Repaired by a query. */
  PAID_AT_WECHAT_ONLY("paid at WeChat, not in PayDesk"),
  /** PayDesk has a payment of the day that the bill does not list. */
  PAYDESK_ONLY("paid in PayDesk, not in WeChat's bill"),
  /** Both have the payment, with different amounts. */
  AMOUNT_MISMATCH("amount differs"),
  /** Both have the payment, in states that disagree (closed here, paid there; another id). */
  STATUS_MISMATCH("status differs"),
  /** A refund on one side only. */
  REFUND_MISSING("refund on one side only"),
  /** Both have the refund, with a different amount, state or WeChat id. */
  REFUND_MISMATCH("refund differs"),
  /** The bill's summary line disagrees with its rows, or with PayDesk's totals. */
  SUMMARY_MISMATCH("summary differs");

  private final String title;

  DiscrepancyType(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
