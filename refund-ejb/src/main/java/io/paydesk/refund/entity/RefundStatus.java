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
 * handling); REJECTED: finance said no. Only WeChat's answers move a refund out of APPROVED or
 * PROCESSING, never a local timer.
 */
public enum RefundStatus {
  PENDING_APPROVAL("待审核"),
  PENDING_SECOND_APPROVAL("待复核"),
  APPROVED("待退款"),
  PROCESSING("退款中"),
  REFUNDED("退款完成"),
  FAILED("自动退款失败"),
  REJECTED("已驳回");

  private final String label;
  private Set<RefundStatus> next;

  static {
    PENDING_APPROVAL.next = EnumSet.of(PENDING_SECOND_APPROVAL, APPROVED, REJECTED);
    PENDING_SECOND_APPROVAL.next = EnumSet.of(APPROVED, REJECTED);
    APPROVED.next = EnumSet.of(PROCESSING, FAILED);
    PROCESSING.next = EnumSet.of(REFUNDED, FAILED);
    REFUNDED.next = EnumSet.noneOf(RefundStatus.class);
    FAILED.next = EnumSet.noneOf(RefundStatus.class);
    REJECTED.next = EnumSet.noneOf(RefundStatus.class);
  }

  RefundStatus(String label) {
    this.label = label;
  }

  /** The name staff see (Chinese). */
  public String label() {
    return label;
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

  /** Whether its amount counts against what is left to refund of the order. */
  public boolean counts() {
    return this != FAILED && this != REJECTED;
  }
}
