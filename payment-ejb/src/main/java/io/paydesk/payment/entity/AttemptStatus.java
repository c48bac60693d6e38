package io.paydesk.payment.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * A payment attempt's lifecycle, and the one table of its moves (the static block below). Its
 * diagram is generated from this table into README.md (between the {@code attempt-states} markers;
 * {@code StateDiagramsTest} keeps it current), never drawn by hand.
 *
 * <p>NEW: PayDesk asked WeChat for a prepay_id and does not know the answer yet (or has not asked);
 * OPEN: WeChat gave a prepay_id the buyer can pay; PAID: WeChat confirmed the payment; CLOSED:
 * WeChat confirmed it cannot be paid (closed, never created, or refused).
 */
public enum AttemptStatus {
  NEW,
  OPEN,
  PAID,
  CLOSED;

  private Set<AttemptStatus> next;

  static {
    NEW.next = EnumSet.of(OPEN, PAID, CLOSED);
    OPEN.next = EnumSet.of(PAID, CLOSED);
    PAID.next = EnumSet.noneOf(AttemptStatus.class);
    CLOSED.next = EnumSet.noneOf(AttemptStatus.class);
  }

  public boolean canMoveTo(AttemptStatus target) {
    return next.contains(target);
  }

  public Set<AttemptStatus> next() {
    return next.isEmpty() ? EnumSet.noneOf(AttemptStatus.class) : EnumSet.copyOf(next);
  }

  /** Waiting for WeChat: the janitor asks about these. */
  public boolean isPending() {
    return this == NEW || this == OPEN;
  }
}
