package io.paydesk.wechatpay.notify;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The refund notification's {@code req_info}: Base64 of AES-256-ECB with PKCS#7 padding, keyed with
 * the 32 ASCII characters of the lower-case hex MD5 of the API key. ECB has no integrity check:
 * anything that does not decrypt, pad and decode as UTF-8 is rejected here, and {@link
 * NotificationDecoder} rejects what is not the expected XML. Thread-safe.
 */
public final class RefundInfoCipher {
  private static final String TRANSFORMATION = "AES/ECB/PKCS5Padding";

  private final SecretKeySpec key;

  public RefundInfoCipher(Secret apiKey) {
    try {
      byte[] md5 =
          MessageDigest.getInstance("MD5").digest(apiKey.reveal().getBytes(StandardCharsets.UTF_8));
      this.key =
          new SecretKeySpec(
              HexFormat.of().formatHex(md5).getBytes(StandardCharsets.US_ASCII), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }

  /**
   * @return the decrypted XML text
   * @throws NotificationRejectedException with {@code REFUND_INFO_UNDECRYPTABLE}
   */
  public String decrypt(String reqInfo) {
    byte[] cipherText;
    try {
      cipherText = Base64.getMimeDecoder().decode(reqInfo);
    } catch (IllegalArgumentException e) {
      throw undecryptable("req_info is not Base64", e);
    }
    if (cipherText.length == 0 || cipherText.length % 16 != 0) {
      throw undecryptable("req_info is not a whole number of AES blocks", null);
    }
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key);
      plain = cipher.doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw undecryptable("req_info does not decrypt with this merchant's key", e);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(plain))
          .toString();
    } catch (CharacterCodingException e) {
      throw undecryptable("req_info does not decrypt to UTF-8 text", e);
    }
  }

  /** The inverse of {@link #decrypt}, for emulators and tests that build notifications. */
  public String encrypt(String plainXml) {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key);
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(plainXml.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + TRANSFORMATION, e);
    }
  }

  private static NotificationRejectedException undecryptable(String message, Throwable cause) {
    return new NotificationRejectedException(Code.REFUND_INFO_UNDECRYPTABLE, message, cause);
  }
}
