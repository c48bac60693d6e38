package io.paydesk.sandbox;

import io.paydesk.wechatpay.Secret;
import java.util.Objects;

/**
 * A merchant the sandbox knows: appid, mch_id and API v2 key (a {@link Secret}, never printed),
 * plus its starting balances and the default outcome of its refunds.
 *
 * @param unsettledFen unsettled funds at first start (each payment adds to them; refunds from
 *     unsettled funds take from them)
 * @param availableFen available balance at first start (used by refunds with {@code
 *     refund_account=REFUND_SOURCE_RECHARGE_FUNDS})
 * @param refundOutcome what refunds become after the refund delay, unless a rule or a per-refund
 *     choice says otherwise
 * @param refundNotifyUrl the refund notification URL "configured in the merchant platform", used
 *     when a refund request has no {@code notify_url}; may be null
 */
public record SandboxMerchant(
    String appId,
    String mchId,
    Secret apiKey,
    long unsettledFen,
    long availableFen,
    RefundOutcome refundOutcome,
    String refundNotifyUrl) {

  /** Default available balance: 1,000,000.00 yuan. */
  public static final long DEFAULT_AVAILABLE_FEN = 100_000_000L;

  public SandboxMerchant {
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("appid is required");
    }
    if (mchId == null || !mchId.matches("[0-9A-Za-z_-]{1,32}")) {
      throw new IllegalArgumentException("mch_id must be 1-32 of [0-9A-Za-z_-]");
    }
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(refundOutcome, "refundOutcome");
  }

  /** A merchant with no unsettled funds yet, the default available balance, refunds succeed. */
  public static SandboxMerchant of(String appId, String mchId, Secret apiKey) {
    return new SandboxMerchant(
        appId, mchId, apiKey, 0, DEFAULT_AVAILABLE_FEN, RefundOutcome.SUCCESS, null);
  }

  public SandboxMerchant withUnsettledFen(long fen) {
    return new SandboxMerchant(
        appId, mchId, apiKey, fen, availableFen, refundOutcome, refundNotifyUrl);
  }

  public SandboxMerchant withAvailableFen(long fen) {
    return new SandboxMerchant(
        appId, mchId, apiKey, unsettledFen, fen, refundOutcome, refundNotifyUrl);
  }

  public SandboxMerchant withRefundOutcome(RefundOutcome outcome) {
    return new SandboxMerchant(
        appId, mchId, apiKey, unsettledFen, availableFen, outcome, refundNotifyUrl);
  }

  public SandboxMerchant withRefundNotifyUrl(String url) {
    return new SandboxMerchant(
        appId, mchId, apiKey, unsettledFen, availableFen, refundOutcome, url);
  }
}
