package io.paydesk.refund.entity;

import io.paydesk.platform.audit.entity.StatusHistory;
import java.util.List;

/**
 * Why a refund FAILED, in PayDesk's terms: what staff can do next depends on it. Each kind owns the
 * reasons PayDesk records for it (the refund's {@code lastOutcome} and history), and a failed
 * refund's kind is read back from the reason it recorded. A reason this table does not write
 * (WeChat refused the request, an older text) is {@link #REFUSED}.
 */
public enum RefundFailure {
  /**
   * The merchant account could not cover the refund (from the unsettled funds, or from the
   * available balance as well): top up, or refund from the available balance, then request it
   * again.
   */
  NOT_ENOUGH_FUNDS(
      "NOTENOUGH: the unsettled funds (交易未结算资金) cannot cover this refund."
          + " Top up the merchant account or refund from the available balance"
          + " (paydesk.refund.notenough=recharge-funds), then request the refund again.",
      "NOTENOUGH: neither the unsettled funds nor the available balance cover this refund."
          + " Top up the merchant account or refund from the available balance"
          + " (paydesk.refund.notenough=recharge-funds), then request the refund again."),
  /**
   * WeChat accepted the refund, but paying it to the buyer's bank card failed; the money is back in
   * the merchant account: refund the buyer another way.
   */
  BANK_CARD_FAILED(
      "CHANGE: WeChat could not pay the refund to the buyer's bank card; the money is back in the"
          + " merchant account. Manual handling needed: refund the buyer another way and note it."),
  /** WeChat closed the refund; nothing was refunded: request a new one if it is still due. */
  CLOSED_AT_WECHAT(
      "REFUNDCLOSE: WeChat closed the refund; nothing was refunded. Request a new refund if it is"
          + " still due."),
  /** WeChat refused the refund as it was sent; its answer is in the reason. */
  REFUSED;

  private final List<String> reasons;

  RefundFailure(String... reasons) {
    this.reasons = List.of(reasons);
  }

  /** The reason recorded for this kind of failure (the first, for NOT_ENOUGH_FUNDS). */
  public String reason() {
    if (reasons.isEmpty()) {
      throw new IllegalStateException(name() + " is recorded with WeChat's own answer");
    }
    return reasons.get(0);
  }

  /**
   * The reason recorded when the funds do not cover a refund, sent from the unsettled funds or
   * already from the available balance.
   */
  public static String notEnoughFunds(boolean fromAvailableBalance) {
    return NOT_ENOUGH_FUNDS.reasons.get(fromAvailableBalance ? 1 : 0);
  }

  /** Why a refund in {@code status} failed, from its recorded reason; null unless FAILED. */
  public static RefundFailure of(RefundStatus status, String lastOutcome) {
    if (status != RefundStatus.FAILED) {
      return null;
    }
    for (RefundFailure failure : values()) {
      for (String reason : failure.reasons) {
        if (StatusHistory.fit(reason, Refund.MAX_REASON).equals(lastOutcome)) {
          return failure;
        }
      }
    }
    return REFUSED;
  }
}
