package io.paydesk.sandbox;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.SubMerchant;
import java.util.List;
import java.util.Objects;

/**
 * A merchant the sandbox knows: appid, mch_id and API v2 key (a {@link Secret}, never printed),
 * plus its starting balances and the default outcome of its refunds. A merchant registered for API
 * v3 ({@link #withApiV3}) also has an APIv3 key and a verification mode; its v2 key may then be
 * null (a v3-only merchant, whose v2 calls are refused).
 *
 * @param unsettledFen unsettled funds at first start (each payment adds to them; refunds from
 *     unsettled funds take from them)
 * @param availableFen available balance at first start (used by refunds with {@code
 *     refund_account=REFUND_SOURCE_RECHARGE_FUNDS})
 * @param refundOutcome what refunds become after the refund delay, unless a rule or a per-refund
 *     choice says otherwise
 * @param refundNotifyUrl the refund notification URL "configured in the merchant platform", used
 *     when a refund request has no {@code notify_url}; may be null
 * @param apiV3 the API v3 registration, or null for a v2-only merchant
 * @param subMerchants for a service provider (服务商): the sub-merchants bound to it (each with its
 *     sub_appid, if any); empty for a direct merchant
 */
public record SandboxMerchant(
    String appId,
    String mchId,
    Secret apiKey,
    long unsettledFen,
    long availableFen,
    RefundOutcome refundOutcome,
    String refundNotifyUrl,
    ApiV3 apiV3,
    List<SubMerchant> subMerchants) {

  /** Default available balance: 1,000,000.00 yuan. */
  public static final long DEFAULT_AVAILABLE_FEN = 100_000_000L;

  public SandboxMerchant {
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("appid is required");
    }
    if (mchId == null || !mchId.matches("[0-9A-Za-z_-]{1,32}")) {
      throw new IllegalArgumentException("mch_id must be 1-32 of [0-9A-Za-z_-]");
    }
    if (apiKey == null && apiV3 == null) {
      throw new IllegalArgumentException("a merchant needs an API v2 key, an APIv3 key or both");
    }
    Objects.requireNonNull(refundOutcome, "refundOutcome");
    subMerchants = subMerchants == null ? List.of() : List.copyOf(subMerchants);
    if (!subMerchants.isEmpty() && apiKey == null) {
      throw new IllegalArgumentException("a service provider needs an API v2 key");
    }
    if (subMerchants.stream().map(SubMerchant::subMchId).distinct().count()
        != subMerchants.size()) {
      throw new IllegalArgumentException("a sub_mch_id is bound twice to " + mchId);
    }
  }

  /** A merchant with no unsettled funds yet, the default available balance, refunds succeed. */
  public static SandboxMerchant of(String appId, String mchId, Secret apiKey) {
    return new SandboxMerchant(
        appId, mchId, apiKey, 0, DEFAULT_AVAILABLE_FEN, RefundOutcome.SUCCESS, null, null, null);
  }

  public SandboxMerchant withUnsettledFen(long fen) {
    return new SandboxMerchant(
        appId,
        mchId,
        apiKey,
        fen,
        availableFen,
        refundOutcome,
        refundNotifyUrl,
        apiV3,
        subMerchants);
  }

  public SandboxMerchant withAvailableFen(long fen) {
    return new SandboxMerchant(
        appId,
        mchId,
        apiKey,
        unsettledFen,
        fen,
        refundOutcome,
        refundNotifyUrl,
        apiV3,
        subMerchants);
  }

  public SandboxMerchant withRefundOutcome(RefundOutcome outcome) {
    return new SandboxMerchant(
        appId,
        mchId,
        apiKey,
        unsettledFen,
        availableFen,
        outcome,
        refundNotifyUrl,
        apiV3,
        subMerchants);
  }

  public SandboxMerchant withRefundNotifyUrl(String url) {
    return new SandboxMerchant(
        appId, mchId, apiKey, unsettledFen, availableFen, refundOutcome, url, apiV3, subMerchants);
  }

  /** The same merchant registered for API v3 with this APIv3 key and verification mode. */
  public SandboxMerchant withApiV3(Secret apiV3Key, V3Verification verification) {
    return new SandboxMerchant(
        appId,
        mchId,
        apiKey,
        unsettledFen,
        availableFen,
        refundOutcome,
        refundNotifyUrl,
        new ApiV3(apiV3Key, verification),
        subMerchants);
  }

  /** A v3-only merchant (no API v2 key). */
  public static SandboxMerchant v3Only(
      String appId, String mchId, Secret apiV3Key, V3Verification verification) {
    return new SandboxMerchant(
        appId,
        mchId,
        null,
        0,
        DEFAULT_AVAILABLE_FEN,
        RefundOutcome.SUCCESS,
        null,
        new ApiV3(apiV3Key, verification),
        null);
  }

  /**
   * The same merchant as a service provider (服务商) acting for these sub-merchants (API v2): its key
   * signs, its certificate authenticates, and each call names a {@code sub_mch_id} bound here.
   */
  public SandboxMerchant withSubMerchants(List<SubMerchant> subs) {
    return new SandboxMerchant(
        appId,
        mchId,
        apiKey,
        unsettledFen,
        availableFen,
        refundOutcome,
        refundNotifyUrl,
        apiV3,
        subs);
  }

  /** Whether this is a service provider with sub-merchants. */
  public boolean isServiceProvider() {
    return !subMerchants.isEmpty();
  }

  /** The bound sub-merchant with this sub_mch_id, or null. */
  public SubMerchant subMerchant(String subMchId) {
    for (SubMerchant sub : subMerchants) {
      if (sub.subMchId().equals(subMchId)) {
        return sub;
      }
    }
    return null;
  }

  /** Whether the merchant may call API v2 (it has a v2 key). */
  public boolean hasApiV2() {
    return apiKey != null;
  }

  /**
   * How WeChat signs this merchant's v3 answers and notifications: with the WeChat Pay public key
   * (its id as {@code Wechatpay-Serial}) or with the current platform certificate.
   */
  public enum V3Verification {
    PUBLIC_KEY,
    PLATFORM_CERTIFICATE
  }

  /** The API v3 registration: the APIv3 key (32 bytes, never printed) and the mode. */
  public record ApiV3(Secret apiV3Key, V3Verification verification) {
    public ApiV3 {
      Objects.requireNonNull(apiV3Key, "apiV3Key");
      Objects.requireNonNull(verification, "verification");
      if (apiV3Key.reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 32) {
        throw new IllegalArgumentException("the APIv3 key must be 32 bytes");
      }
    }
  }
}
