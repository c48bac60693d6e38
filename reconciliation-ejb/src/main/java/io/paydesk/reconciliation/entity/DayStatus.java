package io.paydesk.reconciliation.entity;

import java.util.EnumSet;
import java.util.Set;

/** Where the reconciliation of one bill date stands. */
public enum DayStatus {
  /** Asked for (by the schedule or by staff); starts at the next tick. */
  QUEUED,
  /** The bill was not ready (or a run broke off): tried again at {@code next_try_at}. */
  WAITING,
  /** A job is applying the bill's lines; resumed from its last chunk if PayDesk stops. */
  RUNNING,
  /** Every line applied, PayDesk's side checked, the summary checked. */
  COMPLETED,
  /** WeChat refuses that date: nothing to retry. */
  FAILED;

  /** The transitions this status allows. */
  public Set<DayStatus> next() {
    return switch (this) {
      case QUEUED -> EnumSet.of(RUNNING);
      case WAITING -> EnumSet.of(RUNNING, QUEUED);
      case RUNNING -> EnumSet.of(RUNNING, WAITING, COMPLETED, FAILED);
      case COMPLETED, FAILED -> EnumSet.of(QUEUED);
    };
  }

  public boolean canBecome(DayStatus target) {
    return next().contains(target);
  }
}
