package io.paydesk.sandbox;

import java.util.EnumSet;
import java.util.Set;

/** A refund's {@code refund_status}, with its allowed transitions in one place. */
enum RefundState {
  PROCESSING,
  SUCCESS,
  CHANGE,
  REFUNDCLOSE;

  Set<RefundState> next() {
    return this == PROCESSING
        ? EnumSet.of(SUCCESS, CHANGE, REFUNDCLOSE)
        : EnumSet.noneOf(RefundState.class);
  }

  boolean canBecome(RefundState target) {
    return next().contains(target);
  }

  static RefundState of(RefundOutcome outcome) {
    return valueOf(outcome.name());
  }
}
