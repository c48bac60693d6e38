package io.paydesk.reconciliation.entity;

/**
 * The kinds of disagreement between WeChat's bill and PayDesk's records (their names for staff are
 * the console's: admin-jsf's resource bundles, keys {@code discrepancy.type.*}).
 */
public enum DiscrepancyType {
  /** WeChat has the payment; PayDesk has none, or one not (yet) paid. Repaired by a query. */
  PAID_AT_WECHAT_ONLY,
  /** PayDesk has a payment of the day that the bill does not list. */
  PAYDESK_ONLY,
  /** Both have the payment, with different amounts. */
  AMOUNT_MISMATCH,
  /** Both have the payment, in states that disagree (closed here, paid there; another id). */
  STATUS_MISMATCH,
  /** A refund on one side only. */
  REFUND_MISSING,
  /** Both have the refund, with a different amount, state or WeChat id. */
  REFUND_MISMATCH,
  /** The bill's summary line disagrees with its rows, or with PayDesk's totals. */
  SUMMARY_MISMATCH;
}
