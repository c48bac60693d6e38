package io.paydesk.refund.entity;

/**
 * What a caller asks for: refund {@code amount} fen of order {@code orderNo} because of {@code
 * reason}. {@code requestId} is the caller's idempotency key, unique per order: the same request
 * again returns the same refund. {@link Refund#request} decides whether it is acceptable.
 */
public record NewRefund(String orderNo, Long amount, String reason, String requestId) {}
