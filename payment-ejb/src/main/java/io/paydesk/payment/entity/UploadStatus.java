package io.paydesk.payment.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a shipment's upload to WeChat's shipping-information service, and the one table
 * of its moves (the static block below).
 *
 * <p>PENDING: written with the shipment, waiting for its (next) upload; a WeChat outage, a timeout
 * or an expired token leaves it PENDING, tried again on the backoff. UPLOADED: WeChat recorded it.
 * FAILED: WeChat refused it as it is (a person must look; staff can send it again).
 */
public enum UploadStatus {
  PENDING,
  UPLOADED,
  FAILED;

  private Set<UploadStatus> next;

  static {
    PENDING.next = EnumSet.of(PENDING, UPLOADED, FAILED);
    UPLOADED.next = EnumSet.noneOf(UploadStatus.class);
    FAILED.next = EnumSet.of(PENDING);
  }

  public boolean canMoveTo(UploadStatus target) {
    return next.contains(target);
  }

  public Set<UploadStatus> next() {
    return next.isEmpty() ? EnumSet.noneOf(UploadStatus.class) : EnumSet.copyOf(next);
  }
}
