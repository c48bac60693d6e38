package io.paydesk.payment.entity;

import java.time.Instant;
import java.util.Objects;

/** A move of an order from one status to another, as recorded in its history. */
public record Transition(
    OrderStatus from, OrderStatus to, String actor, String reason, Instant at) {

  public Transition {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
  }

  /** Who learned of a payment, and when: a notification, the janitor, staff asking WeChat. */
  public record Source(String actor, Instant at) {
    @Override
    public String toString() {
      return actor;
    }
  }
}
