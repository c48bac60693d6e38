package io.paydesk.refund.entity;

import java.time.Instant;
import java.util.Objects;

/** A move of a refund from one status to another, as recorded in its history. */
public record RefundTransition(
    RefundStatus from, RefundStatus to, String actor, String reason, Instant at) {

  public RefundTransition {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
  }
}
