package io.paydesk.refund.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A refund is approved (by both approvers under four-eyes; "auto" when the policy approved it) and
 * is to be submitted to WeChat. Announced in the transaction that recorded it; after that commits,
 * the submission starts.
 */
public record RefundApproved(
    String orderNo,
    String outRefundNo,
    long amount,
    List<String> approvedBy,
    Instant approvedAt,
    String mchId) {

  public RefundApproved {
    approvedBy = List.copyOf(approvedBy);
  }
}
