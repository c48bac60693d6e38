package io.paydesk.erp.notices.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * A staff notice's delivery: PENDING until the channel takes it (SENT) or refuses it as it is
 * (FAILED). Transient trouble (no answer, HTTP 5xx, rate limited) keeps it PENDING on its backoff.
 */
public enum NoticeStatus {
  PENDING,
  SENT,
  FAILED;

  /** The moves this status allows. */
  public Set<NoticeStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(PENDING, SENT, FAILED);
      case SENT, FAILED -> EnumSet.noneOf(NoticeStatus.class);
    };
  }

  public boolean canMoveTo(NoticeStatus to) {
    return next().contains(to);
  }
}
