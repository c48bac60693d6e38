package io.paydesk.refund.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * A refund's lifecycle, and the one table of the moves it may make. Its diagram is generated from
 * this table into README.md (between the {@code refund-states} markers; {@code
 * RefundStateDiagramTest} keeps it current), never drawn by hand.
 *
 * <p>PENDING_APPROVAL: requested, waiting for finance; PENDING_SECOND_APPROVAL: approved once, a
 * second, different approver is needed (four-eyes); APPROVED: to be submitted to WeChat, also after
 * a submission whose outcome is unknown (it is sent again with the same out_refund_no); PROCESSING:
 * WeChat accepted it; REFUNDED: WeChat paid it out; FAILED: WeChat refused it (NOTENOUGH under the
 * stop policy, a refused request), closed it, or could not pay it to the bank card (manual
 * handling); REJECTED: finance said no; SETTLED_OFFLINE: a FAILED refund whose money could not
 * reach the buyer's bank card (CHANGE) was paid to the buyer another way, as finance recorded it
 * (how, reference, note) — the only move out of FAILED, and one WeChat never makes. Only WeChat's
 * answers move a refund out of APPROVED or PROCESSING, never a local timer. The names staff see
 * (待审核, 待复核, ...) are the console's (admin-jsf's resource bundles, keys {@code refund.status.*}).
 */
public enum RefundStatus {
  PENDING_APPROVAL,
  PENDING_SECOND_APPROVAL,
  APPROVED,
  PROCESSING,
  REFUNDED,
  FAILED,
  REJECTED,
  SETTLED_OFFLINE;

  private Set<RefundStatus> next;

  static {
    PENDING_APPROVAL.next = EnumSet.of(PENDING_SECOND_APPROVAL, APPROVED, REJECTED);
    PENDING_SECOND_APPROVAL.next = EnumSet.of(APPROVED, REJECTED);
    APPROVED.next = EnumSet.of(PROCESSING, FAILED);
    PROCESSING.next = EnumSet.of(REFUNDED, FAILED);
    REFUNDED.next = EnumSet.noneOf(RefundStatus.class);
    FAILED.next = EnumSet.of(SETTLED_OFFLINE);
    REJECTED.next = EnumSet.noneOf(RefundStatus.class);
    SETTLED_OFFLINE.next = EnumSet.noneOf(RefundStatus.class);
  }

  public boolean canMoveTo(RefundStatus target) {
    return next.contains(target);
  }

  /** The statuses this one may move to. */
  public Set<RefundStatus> next() {
    return next.isEmpty() ? EnumSet.noneOf(RefundStatus.class) : EnumSet.copyOf(next);
  }

  public boolean isFinal() {
    return next.isEmpty();
  }

  /** Waiting for finance to approve or reject. */
  public boolean awaitsApproval() {
    return this == PENDING_APPROVAL || this == PENDING_SECOND_APPROVAL;
  }

  /**
   * The status WeChat knows the refund by: a refund SETTLED_OFFLINE failed at WeChat (its bill says
   * so); every other status is WeChat's view as well.
   */
  public RefundStatus atWeChat() {
    return this == SETTLED_OFFLINE ? FAILED : this;
  }

  /** Whether its amount counts against what is left to refund of the order. */
  public boolean counts() {
    return this != FAILED && this != REJECTED;
  }
}
