package io.paydesk.gateway.entity;

/**
 * What the answer to a refund request means for the refund, in PayDesk's terms. Every case but
 * {@link Accepted} and {@link NotEnoughFunds} carries a reason for the refund's record.
 */
public sealed interface RefundSubmission
    permits RefundSubmission.Accepted,
        RefundSubmission.Retry,
        RefundSubmission.CertificateProblem,
        RefundSubmission.NotEnoughFunds,
        RefundSubmission.Refused {

  /**
   * WeChat accepted the refund as {@code refundId}; its outcome follows by notification or query.
   */
  record Accepted(String refundId) implements RefundSubmission {}

  /**
   * The outcome is unknown or the failure transient (not configured, not sent, no answer, an answer
   * WeChat refused to read): send again later with the same out_refund_no.
   */
  record Retry(String reason) implements RefundSubmission {}

  /**
   * The client certificate is missing, cannot be loaded or was refused: nothing was done; send
   * again with the same out_refund_no once it is fixed.
   */
  record CertificateProblem(String reason) implements RefundSubmission {}

  /**
   * The funds it was sent from cannot cover it. From the unsettled funds, it may be sent again from
   * the available balance (same out_refund_no).
   */
  record NotEnoughFunds() implements RefundSubmission {}

  /** WeChat refuses this refund as it is: it fails, and a person decides what next. */
  record Refused(String reason) implements RefundSubmission {}
}
