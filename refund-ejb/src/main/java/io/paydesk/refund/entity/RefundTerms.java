package io.paydesk.refund.entity;

/**
 * What PayDesk fixes when a refund is requested: its {@code out_refund_no} (never changed), the
 * payment it refunds ({@code outTradeNo} and its total in fen, as WeChat needs them), how many
 * different approvers it needs (1, or 2 for four-eyes) and the merchant of its order ({@code
 * mchId}, null for an order of no merchant).
 */
public record RefundTerms(
    String outRefundNo, String outTradeNo, long totalFee, int approvalsRequired, String mchId) {

  /** Terms of a refund whose order has no merchant. */
  public RefundTerms(String outRefundNo, String outTradeNo, long totalFee, int approvalsRequired) {
    this(outRefundNo, outTradeNo, totalFee, approvalsRequired, null);
  }
}
