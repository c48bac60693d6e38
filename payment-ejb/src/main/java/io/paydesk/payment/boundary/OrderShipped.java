package io.paydesk.payment.boundary;

import java.time.Instant;

/** A paid order left the shop. */
public record OrderShipped(String orderNo, String carrier, String trackingNo, Instant shippedAt) {}
