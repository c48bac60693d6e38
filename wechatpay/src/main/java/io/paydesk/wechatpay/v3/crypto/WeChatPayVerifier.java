package io.paydesk.wechatpay.v3.crypto;

/**
 * Checks WeChat's signatures ({@code Wechatpay-Signature}) by the serial WeChat names in {@code
 * Wechatpay-Serial}: either the WeChat Pay public key (公钥模式, serial {@code PUB_KEY_ID_…}) or the
 * platform certificates downloaded from {@code /v3/certificates}.
 */
public sealed interface WeChatPayVerifier permits PublicKeyVerifier, PlatformCertificates {

  /** Whether this verifier has a key for {@code serial} (possibly after refreshing). */
  boolean knows(String serial);

  /** Whether {@code signature} is the signature of {@code message} by the key of {@code serial}. */
  boolean verify(String serial, byte[] message, String signature);
}
