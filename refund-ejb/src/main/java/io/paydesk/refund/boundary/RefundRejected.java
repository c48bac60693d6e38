package io.paydesk.refund.boundary;

import java.time.Instant;

/** Finance rejected a refund; nothing goes to WeChat. */
public record RefundRejected(
    String orderNo,
    String outRefundNo,
    long amount,
    String rejectedBy,
    String reason,
    Instant rejectedAt,
    String mchId) {}
