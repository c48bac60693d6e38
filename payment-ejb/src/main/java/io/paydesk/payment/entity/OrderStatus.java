package io.paydesk.payment.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * An order's lifecycle, and the one table of the moves it may make.
 *
 * <pre>
 * CREATED -> PAYING -> PAID -> SHIPPED
 *    |         |
 *    +---------+--> CLOSED
 * </pre>
 *
 * PAYING may move to PAYING again (a new payment attempt after the last one closed or expired).
 */
public enum OrderStatus {
  CREATED,
  PAYING,
  PAID,
  SHIPPED,
  CLOSED;

  private Set<OrderStatus> next;

  static {
    CREATED.next = EnumSet.of(PAYING, CLOSED);
    PAYING.next = EnumSet.of(PAYING, PAID, CLOSED);
    PAID.next = EnumSet.of(SHIPPED);
    SHIPPED.next = EnumSet.noneOf(OrderStatus.class);
    CLOSED.next = EnumSet.noneOf(OrderStatus.class);
  }

  public boolean canMoveTo(OrderStatus target) {
    return next.contains(target);
  }

  /** The statuses this one may move to. */
  public Set<OrderStatus> next() {
    return next.isEmpty() ? EnumSet.noneOf(OrderStatus.class) : EnumSet.copyOf(next);
  }

  public boolean isFinal() {
    return next.isEmpty();
  }
}
