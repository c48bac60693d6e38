package io.paydesk.payment.entity;

import java.time.Instant;

/**
 * What a shop asks for when it creates an order. {@code orderNo} is the shop's own order number and
 * its idempotency key; {@code expiresAt} is optional (PayDesk's default time to pay applies).
 * {@link Order#create} decides whether it is acceptable.
 */
public record NewOrder(
    String orderNo, String openid, Long amount, String description, Instant expiresAt) {}
