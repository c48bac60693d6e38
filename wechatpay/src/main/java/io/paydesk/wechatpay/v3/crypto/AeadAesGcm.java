package io.paydesk.wechatpay.v3.crypto;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code AEAD_AES_256_GCM} as API v3 uses it for notification resources and downloaded platform
 * certificates: the key is the 32-byte APIv3 key (its UTF-8 bytes), the nonce a 12-character
 * string, the associated data a string (may be empty), the ciphertext Base64 of cipher text
 * followed by the 16-byte tag. A wrong key, nonce, associated data or a single changed byte fails
 * the tag check.
 */
public final class AeadAesGcm {
  public static final String ALGORITHM = "AEAD_AES_256_GCM";
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;

  public AeadAesGcm(Secret apiV3Key) {
    byte[] bytes = apiV3Key.reveal().getBytes(StandardCharsets.UTF_8);
    if (bytes.length != 32) {
      throw new WeChatPayException(Code.CONFIG_INVALID, "the APIv3 key must be 32 bytes");
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  /**
   * Decrypts and authenticates.
   *
   * @throws WeChatPayException RESOURCE_UNDECRYPTABLE if anything does not match
   */
  public String decrypt(String associatedData, String nonce, String ciphertextBase64) {
    if (nonce == null || nonce.isEmpty() || ciphertextBase64 == null) {
      throw new WeChatPayException(Code.RESOURCE_UNDECRYPTABLE, "nonce or ciphertext missing");
    }
    byte[] data;
    try {
      data = Base64.getDecoder().decode(ciphertextBase64);
    } catch (IllegalArgumentException e) {
      throw new WeChatPayException(Code.RESOURCE_UNDECRYPTABLE, "ciphertext is not Base64", e);
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, associatedData);
      return new String(cipher.doFinal(data), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new WeChatPayException(Code.RESOURCE_UNDECRYPTABLE, "GCM tag mismatch", e);
    } catch (GeneralSecurityException e) {
      throw new WeChatPayException(Code.RESOURCE_UNDECRYPTABLE, "cannot decrypt", e);
    }
  }

  /** Encrypts (WeChat's side: the sandbox, tests). Never reuse a nonce with the same key. */
  public String encrypt(String associatedData, String nonce, String plaintext) {
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM unavailable", e);
    }
  }

  private Cipher cipher(int mode, String nonce, String associatedData)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
    if (associatedData != null && !associatedData.isEmpty()) {
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    }
    return cipher;
  }

  @Override
  public String toString() {
    return "AeadAesGcm[******]";
  }
}
