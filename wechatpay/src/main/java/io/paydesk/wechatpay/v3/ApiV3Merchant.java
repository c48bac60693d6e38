package io.paydesk.wechatpay.v3;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.v3.crypto.Pem;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * Who PayDesk is at WeChat for API v3: the appid (mini-program), the mchid, the serial number of
 * the merchant API certificate ({@code apiclient_cert.pem}), its RSA private key ({@code
 * apiclient_key.pem}, PKCS#8) and the APIv3 key (32 characters, for decrypting notifications and
 * platform certificates). Neither key appears in {@code toString()}.
 */
public record ApiV3Merchant(
    String appId, String mchId, String certificateSerial, PrivateKey privateKey, Secret apiV3Key) {

  public ApiV3Merchant {
    requireText(appId, "appId");
    requireText(mchId, "mchId");
    requireText(certificateSerial, "certificateSerial");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(apiV3Key, "apiV3Key");
    if (!"RSA".equals(privateKey.getAlgorithm())) {
      throw new WeChatPayException(
          WeChatPayException.Code.CONFIG_INVALID, "apiclient_key.pem must hold an RSA key");
    }
  }

  /** Reads the private key from {@code apiclient_key.pem}. */
  public static ApiV3Merchant load(
      String appId, String mchId, String certificateSerial, Path apiclientKeyPem, Secret apiV3Key) {
    return new ApiV3Merchant(
        appId, mchId, certificateSerial, Pem.privateKey(Pem.read(apiclientKeyPem)), apiV3Key);
  }

  /** Whether a message from WeChat names this merchant (its appid, when present, and mchid). */
  public boolean owns(String appId, String mchId) {
    return (appId == null || this.appId.equals(appId)) && this.mchId.equals(mchId);
  }

  @Override
  public String toString() {
    return "ApiV3Merchant[appId="
        + appId
        + ", mchId="
        + mchId
        + ", certificateSerial="
        + certificateSerial
        + ", keys=******]";
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new WeChatPayException(WeChatPayException.Code.CONFIG_INVALID, name + " is required");
    }
  }
}
