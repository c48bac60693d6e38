package io.paydesk.gateway.entity;

/** A refund notification from WeChat, decrypted and checked, in PayDesk's terms. */
public sealed interface RefundNotice permits RefundNotice.Reported, RefundNotice.Rejected {

  /** What WeChat says about the refund. */
  record Reported(RefundReport report) implements RefundNotice {}

  /**
   * The body did not decode, decrypt or verify: nothing is recorded. {@code reason} is safe to log
   * and to send back to WeChat.
   */
  record Rejected(String reason, String detail) implements RefundNotice {}
}
