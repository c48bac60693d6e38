package io.paydesk.refund.entity;

/**
 * What PayDesk fixes when a refund is requested: its {@code out_refund_no} (never changed), the
 * payment it refunds ({@code outTradeNo} and its total in fen, as WeChat needs them) and how many
 * different approvers it needs (1, or 2 for four-eyes).
 */
public record RefundTerms(
    String outRefundNo, String outTradeNo, long totalFee, int approvalsRequired) {}
