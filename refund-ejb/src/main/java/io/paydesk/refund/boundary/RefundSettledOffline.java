package io.paydesk.refund.boundary;

import java.time.Instant;

/**
 * A refund WeChat could not pay to the buyer's bank card (CHANGE) was paid another way, as finance
 * recorded it: SETTLED_OFFLINE, which ends it. {@code method} is BANK_TRANSFER, CASH or OTHER;
 * {@code reference} the transfer's serial number or receipt (may be null). The note finance wrote
 * stays in PayDesk (it may name people or accounts). Announced in the transaction that recorded it.
 */
public record RefundSettledOffline(
    String orderNo,
    String outRefundNo,
    long amount,
    String method,
    String reference,
    String settledBy,
    Instant settledAt,
    String mchId) {}
