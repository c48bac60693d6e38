package io.paydesk.wechatpay.v3.crypto;

import java.security.PublicKey;
import java.util.Objects;

/**
 * The WeChat Pay public key mode (微信支付公钥, the current scheme): one RSA public key, downloaded once
 * from the merchant platform ({@code pub_key.pem}), and its id ({@code PUB_KEY_ID_…}), which WeChat
 * sends as {@code Wechatpay-Serial}. Any other serial is refused.
 */
public record PublicKeyVerifier(String publicKeyId, PublicKey publicKey)
    implements WeChatPayVerifier {

  public PublicKeyVerifier {
    Objects.requireNonNull(publicKeyId, "publicKeyId");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  @Override
  public boolean knows(String serial) {
    return publicKeyId.equals(serial);
  }

  @Override
  public boolean verify(String serial, byte[] message, String signature) {
    return knows(serial) && RsaSigner.verify(publicKey, message, signature);
  }
}
