package io.paydesk.wechatpay.bill;

/**
 * The bill's last line. Amounts in fen, the fee in 0.001 fen; columns the bill type has no
 * counterpart for are null.
 */
public record BillSummary(
    long tradeCount,
    long settlementTotalFee,
    Long refundFee,
    Long couponRefundFee,
    long serviceFeeMilliFen,
    Long totalFee,
    Long applyRefundFee) {}
