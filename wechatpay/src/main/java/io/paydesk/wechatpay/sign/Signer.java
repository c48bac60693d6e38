package io.paydesk.wechatpay.sign;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat Pay v2 signatures: every field with a non-empty value except {@code sign}, sorted by name
 * in ASCII order, joined as {@code k=v&k=v}, then {@code &key=<API key>}; MD5 or HMAC-SHA256 (keyed
 * with the API key) over the UTF-8 bytes, upper-case hex. Thread-safe.
 */
public final class Signer {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final Secret apiKey;

  public Signer(Secret apiKey) {
    this.apiKey = apiKey;
  }

  /** The signature of {@code fields} (a {@code sign} entry, if any, is ignored). */
  public String sign(Map<String, String> fields, SignType type) {
    byte[] message =
        (canonicalString(fields) + "&key=" + apiKey.reveal()).getBytes(StandardCharsets.UTF_8);
    try {
      if (type == SignType.MD5) {
        return hex(MessageDigest.getInstance("MD5").digest(message));
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(apiKey.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return hex(mac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + type, e);
    }
  }

  /**
   * A copy of {@code fields} with {@code sign_type} and {@code sign} added, ready to send. The
   * {@code sign_type} field is part of what is signed.
   */
  public Map<String, String> signed(Map<String, String> fields, SignType type) {
    Map<String, String> copy = new HashMap<>(fields);
    copy.remove("sign");
    copy.put("sign_type", type.wireName());
    copy.put("sign", sign(copy, type));
    return copy;
  }

  /**
   * Checks the {@code sign} of a message over every field that arrived, known or not. The type is
   * the message's {@code sign_type} if present, else {@code configured} (a notification without
   * {@code sign_type} was signed with the merchant's configured type); a message may name a
   * stronger type than the configured one, never a weaker: a merchant on HMAC-SHA256 does not
   * accept an MD5 signature because the message asks for it. Constant-time comparison.
   *
   * @throws InvalidSignatureException if {@code sign} is missing or does not match, or {@code
   *     sign_type} names a weaker type than {@code configured}
   */
  public void verify(Map<String, String> fields, SignType configured) {
    String actual = fields.get("sign");
    if (actual == null || actual.isEmpty()) {
      throw new InvalidSignatureException(Code.SIGN_MISSING, "message has no sign");
    }
    String declared = fields.get("sign_type");
    SignType type =
        declared == null || declared.isEmpty() ? configured : SignType.fromWireName(declared);
    if (type.weakerThan(configured)) {
      throw new InvalidSignatureException(
          Code.SIGN_MISMATCH,
          "sign_type "
              + type.wireName()
              + " is weaker than the configured "
              + configured.wireName());
    }
    String expected = sign(fields, type);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8))) {
      throw new InvalidSignatureException(Code.SIGN_MISMATCH, "sign does not match");
    }
  }

  /** Like {@link #verify} but answers instead of throwing. */
  public boolean isValid(Map<String, String> fields, SignType configured) {
    try {
      verify(fields, configured);
      return true;
    } catch (io.paydesk.wechatpay.WeChatPayException e) {
      return false;
    }
  }

  /**
   * The signed arguments of {@code wx.requestPayment} for a prepay_id, with a fresh nonce; the sign
   * type must be the one the order was placed with.
   */
  public JsapiPayParams jsapiPayParams(
      String appId, String prepayId, SignType signType, Instant now) {
    String timeStamp = Long.toString(now.getEpochSecond());
    String nonce = Nonce.generate();
    String packageValue = "prepay_id=" + prepayId;
    String paySign =
        sign(JsapiPayParams.unsigned(appId, timeStamp, nonce, packageValue, signType), signType);
    return new JsapiPayParams(appId, timeStamp, nonce, packageValue, signType, paySign);
  }

  /** {@code k1=v1&k2=v2} over the non-empty fields but {@code sign}, ASCII order; no key. */
  static String canonicalString(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder(256);
    for (Map.Entry<String, String> e : new TreeMap<>(fields).entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty() || e.getKey().equals("sign")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }

  private static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[bytes[i] & 0xF];
    }
    return new String(out);
  }
}
