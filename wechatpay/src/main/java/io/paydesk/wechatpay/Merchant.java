package io.paydesk.wechatpay;

import io.paydesk.wechatpay.sign.SignType;
import java.util.Objects;

/**
 * Who PayDesk is at WeChat: the appid (mini-program), the mch_id, the API v2 key (32 characters
 * from the merchant platform's API security page, not the AppSecret) and the sign type configured
 * for the merchant. The key never appears in {@code toString()}.
 */
public record Merchant(String appId, String mchId, Secret apiKey, SignType signType) {
  public Merchant {
    requireText(appId, "appId");
    requireText(mchId, "mchId");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(signType, "signType");
  }

  /** Whether a message from WeChat names this merchant (its appid and mch_id). */
  public boolean owns(String appId, String mchId) {
    return this.appId.equals(appId) && this.mchId.equals(mchId);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new WeChatPayException(WeChatPayException.Code.CONFIG_INVALID, name + " is required");
    }
  }
}
