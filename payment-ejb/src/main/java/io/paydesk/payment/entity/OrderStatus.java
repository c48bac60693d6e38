package io.paydesk.payment.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * An order's lifecycle, and the one table of the moves it may make (the static block below). Its
 * diagram is generated from this table into README.md (between the {@code order-states} markers;
 * {@code StateDiagramsTest} keeps it current), never drawn by hand.
 *
 * <p>PAYING may move to PAYING again (a new payment attempt after the last one closed or expired).
 * PAID, SHIPPED and PARTIALLY_REFUNDED become PARTIALLY_REFUNDED or REFUNDED when WeChat confirms a
 * refund (refund-ejb), depending on whether anything of the amount paid is left.
 */
public enum OrderStatus {
  CREATED,
  PAYING,
  PAID,
  SHIPPED,
  CLOSED,
  PARTIALLY_REFUNDED,
  REFUNDED;

  private Set<OrderStatus> next;

  static {
    CREATED.next = EnumSet.of(PAYING, CLOSED);
    PAYING.next = EnumSet.of(PAYING, PAID, CLOSED);
    PAID.next = EnumSet.of(SHIPPED, PARTIALLY_REFUNDED, REFUNDED);
    SHIPPED.next = EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
    CLOSED.next = EnumSet.noneOf(OrderStatus.class);
    PARTIALLY_REFUNDED.next = EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
    REFUNDED.next = EnumSet.noneOf(OrderStatus.class);
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
