package io.paydesk.wechatpay;

/**
 * A sub-merchant (特约商户) for whom a service provider (服务商) calls WeChat Pay in partner mode: the
 * service provider's {@link Merchant} (its appid, mch_id, API key and client certificate) signs and
 * authenticates every call, and {@code sub_mch_id} (and {@code sub_appid}, when the sub-merchant
 * has its own mini-program or official account) says for whom.
 *
 * <p>Which openid a buyer has follows from {@code subAppId}: with a sub_appid the buyer pays in the
 * sub-merchant's app, so PayDesk's openid for that buyer is a {@code sub_openid} (sent as such in
 * unifiedorder, and {@code wx.requestPayment} gets the sub_appid as its {@code appId}); without one
 * the buyer pays in the service provider's app, the openid is an {@code openid} of the service
 * provider's appid, and {@code appId} is that appid. (WeChat pairs an openid with the appid that
 * issued it: {@code openid} goes with {@code appid}, {@code sub_openid} with {@code sub_appid}.)
 *
 * @param subMchId the sub-merchant's mch_id, bound to the service provider at WeChat
 * @param subAppId the sub-merchant's own appid, or null
 */
public record SubMerchant(String subMchId, String subAppId) {
  public SubMerchant {
    if (subMchId == null || subMchId.isBlank()) {
      throw new WeChatPayException(WeChatPayException.Code.CONFIG_INVALID, "subMchId is required");
    }
    if (subAppId != null && subAppId.isBlank()) {
      subAppId = null;
    }
  }

  /** A sub-merchant without an app of its own: its buyers pay in the service provider's app. */
  public static SubMerchant of(String subMchId) {
    return new SubMerchant(subMchId, null);
  }

  /** Whether its buyers' openids are {@code sub_openid}s of {@link #subAppId()}. */
  public boolean hasOwnApp() {
    return subAppId != null;
  }
}
