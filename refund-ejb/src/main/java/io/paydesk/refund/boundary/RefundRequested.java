package io.paydesk.refund.boundary;

import java.time.Instant;

/** A refund was requested. Announced in the transaction that recorded it. Amounts are fen. */
public record RefundRequested(
    String orderNo,
    String outRefundNo,
    long amount,
    String reason,
    String requestedBy,
    Instant requestedAt,
    String mchId) {}
