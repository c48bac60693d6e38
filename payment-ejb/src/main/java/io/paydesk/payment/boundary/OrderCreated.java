package io.paydesk.payment.boundary;

import java.time.Instant;

/**
 * Announced inside the transaction that created an order (the outbox writes its event there) and
 * again after that transaction commits (for live views).
 */
public record OrderCreated(
    String orderNo,
    String openid,
    long amount,
    String description,
    Instant createdAt,
    Instant expiresAt,
    String mchId) {}
