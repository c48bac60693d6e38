package io.paydesk.refund.boundary;

import java.time.Instant;

/**
 * WeChat paid a refund out; the order became PARTIALLY_REFUNDED or REFUNDED in the same
 * transaction.
 */
public record RefundSucceeded(
    String orderNo,
    String outRefundNo,
    String refundId,
    long amount,
    Instant refundedAt,
    String mchId) {}
