package io.paydesk.gateway.entity;

/**
 * A refund as PayDesk sends it to WeChat, always under its own out_refund_no. Amounts are fen.
 *
 * @param totalFee what was paid for the order
 * @param amount what is refunded
 * @param fromAvailableBalance paid from the merchant's available balance rather than the unsettled
 *     funds (WeChat's default)
 */
public record RefundOrder(
    String outTradeNo,
    String outRefundNo,
    long totalFee,
    long amount,
    boolean fromAvailableBalance) {}
