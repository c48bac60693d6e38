package io.paydesk.gateway.boundary;

import java.util.Objects;

/**
 * One line of WeChat's ALL bill in PayDesk's terms: amounts in fen, the fee in 0.001 fen, the
 * line's state as one of PayDesk's words. {@link WeChatBills} makes these from the bill's rows; no
 * one else reads a bill's trade or refund state.
 *
 * @param amountFen a payment line's order amount, a refund line's refund amount
 * @param feeMilliFen WeChat's fee for the line (negative when a refund returns fee)
 */
public record BillEntry(
    boolean refund,
    String outTradeNo,
    String transactionId,
    String outRefundNo,
    String refundId,
    long amountFen,
    State state,
    long feeMilliFen) {

  /** What the bill says happened. */
  public enum State {
    /** A payment line: WeChat took the money. */
    PAID(false),
    /** A payment line: the payment was revoked. */
    REVOKED(false),
    /** A refund line: the money went back to the buyer. */
    REFUNDED(true),
    /** A refund line: WeChat is still paying it out. */
    PROCESSING(true),
    /** A refund line: it failed (closed, or the bank card refused it). */
    FAILED(true),
    /** A refund line in a state this version does not know: compared on amount and id only. */
    UNKNOWN(true);

    private final boolean ofRefund;

    State(boolean ofRefund) {
      this.ofRefund = ofRefund;
    }

    public boolean ofRefund() {
      return ofRefund;
    }
  }

  public BillEntry {
    Objects.requireNonNull(state, "state");
    if (state.ofRefund() != refund) {
      throw new IllegalArgumentException(
          state + " is not a state of a " + (refund ? "refund" : "payment") + " line");
    }
  }
}
