package io.paydesk.wechatpay.v3;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * How the client checks WeChat's signatures: the WeChat Pay public key, or platform certificates.
 */
public sealed interface Verification
    permits Verification.WeChatPayPublicKey, Verification.PlatformCertificateMode {

  /** 公钥模式: {@code pub_key.pem} and its id {@code PUB_KEY_ID_…} from the merchant platform. */
  static Verification publicKey(String publicKeyId, PublicKey key) {
    return new WeChatPayPublicKey(publicKeyId, key);
  }

  /** 公钥模式 from the downloaded {@code pub_key.pem}. */
  static Verification publicKey(String publicKeyId, Path pubKeyPem) {
    return new WeChatPayPublicKey(
        publicKeyId,
        io.paydesk.wechatpay.v3.crypto.Pem.publicKey(
            io.paydesk.wechatpay.v3.crypto.Pem.read(pubKeyPem)));
  }

  /**
   * 平台证书模式: certificates from {@code /v3/certificates}; {@code issuer} (nullable) is the CA they
   * must be signed by.
   */
  static Verification platformCertificates(X509Certificate issuer) {
    return new PlatformCertificateMode(issuer);
  }

  /** The public key mode. */
  record WeChatPayPublicKey(String publicKeyId, PublicKey key) implements Verification {
    public WeChatPayPublicKey {
      Objects.requireNonNull(publicKeyId, "publicKeyId");
      Objects.requireNonNull(key, "key");
    }
  }

  /** The platform certificate mode. */
  record PlatformCertificateMode(X509Certificate issuer) implements Verification {}
}
