package io.paydesk.wechatpay.v3.crypto;

import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * SHA256withRSA (PKCS#1 v1.5) as API v3 uses it everywhere: request authorization, the
 * mini-program's {@code paySign}, and WeChat's own response and notification signatures; Base64.
 */
public final class RsaSigner {
  private final PrivateKey key;

  public RsaSigner(PrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
    if (!"RSA".equals(key.getAlgorithm())) {
      throw new WeChatPayException(Code.CONFIG_INVALID, "API v3 keys are RSA keys");
    }
  }

  /** Base64 of SHA256withRSA over the UTF-8 bytes of {@code message}. */
  public String sign(String message) {
    return sign(message.getBytes(StandardCharsets.UTF_8));
  }

  /** Base64 of SHA256withRSA over {@code message}. */
  public String sign(byte[] message) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(message);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA unavailable", e);
    }
  }

  /** Whether {@code signatureBase64} is a valid signature of {@code message} by {@code key}. */
  public static boolean verify(PublicKey key, String message, String signatureBase64) {
    return verify(key, message.getBytes(StandardCharsets.UTF_8), signatureBase64);
  }

  /** Whether {@code signatureBase64} is a valid signature of the bytes by {@code key}. */
  public static boolean verify(PublicKey key, byte[] message, String signatureBase64) {
    if (signatureBase64 == null || signatureBase64.isEmpty()) {
      return false;
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(signatureBase64);
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "RsaSigner[******]";
  }
}
