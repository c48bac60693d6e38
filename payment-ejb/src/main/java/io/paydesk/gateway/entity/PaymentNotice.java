package io.paydesk.gateway.entity;

/** A payment notification from WeChat, decoded and verified, in PayDesk's terms. */
public sealed interface PaymentNotice
    permits PaymentNotice.Paid, PaymentNotice.NotPaid, PaymentNotice.Rejected {

  /** WeChat took the money. */
  record Paid(PaymentCheck.Paid payment) implements PaymentNotice {}

  /** A notification of a payment that failed: nothing to record. */
  record NotPaid(String outTradeNo) implements PaymentNotice {}

  /**
   * The body did not decode or verify (bad signature, another merchant, malformed): nothing is
   * recorded. {@code reason} is safe to log and to send back to WeChat.
   */
  record Rejected(String reason, String detail) implements PaymentNotice {}
}
