package io.paydesk.gateway.entity;

import java.time.Instant;

/**
 * What WeChat says about one refund, from a notification or a query. Amounts are fen.
 *
 * @param said what WeChat said, for the refund's record and the log
 * @param refundedAt when the money reached the buyer; null until then
 */
public record RefundReport(
    String outRefundNo,
    String outTradeNo,
    String refundId,
    long refundFee,
    RefundProgress progress,
    String said,
    Instant refundedAt) {}
