package io.paydesk.gateway.entity;

import java.time.Instant;

/**
 * What WeChat says about a payment attempt (order query), in PayDesk's terms. {@link #outcome()} is
 * a short account for the attempt's record and the log.
 */
public sealed interface PaymentCheck
    permits PaymentCheck.Paid,
        PaymentCheck.StillOpen,
        PaymentCheck.CannotBePaid,
        PaymentCheck.NotAtWeChat,
        PaymentCheck.Unknown {

  String outcome();

  /**
   * WeChat took the money. {@code totalFee} is fen, -1 when WeChat did not say (it then matches no
   * order); {@code paidAt} is WeChat's time_end, or the time of the answer when it gave none.
   */
  record Paid(String outTradeNo, String transactionId, long totalFee, Instant paidAt)
      implements PaymentCheck {
    @Override
    public String outcome() {
      return "paid as " + transactionId;
    }
  }

  /** The buyer can still pay, or is paying: ask again later. */
  record StillOpen(String outcome) implements PaymentCheck {}

  /** This out_trade_no can never be paid: the attempt is over. */
  record CannotBePaid(String outcome) implements PaymentCheck {}

  /**
   * WeChat has no order with this out_trade_no: it never received it (or not yet).
   *
   * @param outcome when it is asked about again
   * @param whyClosed when the attempt is closed for it
   */
  record NotAtWeChat(String outcome, String whyClosed) implements PaymentCheck {}

  /** No answer that settles it (no answer, an error, a state this version does not know). */
  record Unknown(String outcome) implements PaymentCheck {}
}
