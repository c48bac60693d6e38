package io.paydesk.payment.boundary;

import java.time.Instant;

/** An unpaid order was closed, at WeChat first. */
public record OrderClosed(String orderNo, String reason, Instant closedAt) {}
