package io.paydesk.payment.boundary;

import io.paydesk.payment.entity.Order;
import io.paydesk.payment.entity.OrderHistory;
import io.paydesk.payment.entity.OrderStatus;
import java.time.Instant;
import java.util.List;

/** An order as callers outside the transaction see it: a snapshot, with its history. */
public record OrderView(
    String orderNo,
    String openid,
    long amount,
    String description,
    OrderStatus status,
    Instant createdAt,
    Instant expiresAt,
    List<HistoryEntry> history) {

  /** One row of the order's history. */
  public record HistoryEntry(
      OrderStatus from, OrderStatus to, String actor, String reason, Instant at) {

    static HistoryEntry of(OrderHistory row) {
      return new HistoryEntry(
          row.fromStatus(), row.toStatus(), row.actor(), row.reason(), row.occurredAt());
    }
  }

  static OrderView of(Order order) {
    return new OrderView(
        order.orderNo(),
        order.openid(),
        order.amount(),
        order.description(),
        order.status(),
        order.createdAt(),
        order.expiresAt(),
        order.history().stream().map(HistoryEntry::of).toList());
  }
}
