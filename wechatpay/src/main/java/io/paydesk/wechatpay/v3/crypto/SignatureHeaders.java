package io.paydesk.wechatpay.v3.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * WeChat's signature headers on a response or notification: {@code Wechatpay-Timestamp}, {@code
 * Wechatpay-Nonce}, {@code Wechatpay-Signature}, {@code Wechatpay-Serial}. The signature covers
 * {@code TIMESTAMP\nNONCE\nBODY\n}.
 */
public record SignatureHeaders(String timestamp, String nonce, String signature, String serial) {
  public static final String TIMESTAMP = "Wechatpay-Timestamp";
  public static final String NONCE = "Wechatpay-Nonce";
  public static final String SIGNATURE = "Wechatpay-Signature";
  public static final String SERIAL = "Wechatpay-Serial";

  /** Reads the four headers through a lookup (names are case-insensitive in HTTP). */
  public static SignatureHeaders from(Function<String, String> header) {
    return new SignatureHeaders(
        header.apply(TIMESTAMP),
        header.apply(NONCE),
        header.apply(SIGNATURE),
        header.apply(SERIAL));
  }

  /** Whether all four are present and non-empty. */
  public boolean complete() {
    return present(timestamp) && present(nonce) && present(signature) && present(serial);
  }

  /** The bytes the signature covers for {@code body}. */
  public static byte[] message(String timestamp, String nonce, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
    out.writeBytes((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    out.write('\n');
    return out.toByteArray();
  }

  /** Signs a body as WeChat does (the sandbox, tests). */
  public static SignatureHeaders sign(
      RsaSigner signer, String serial, long timestamp, String nonce, byte[] body) {
    String ts = Long.toString(timestamp);
    byte[] message = message(ts, nonce, body);
    return new SignatureHeaders(ts, nonce, signer.sign(message), serial);
  }

  private static boolean present(String s) {
    return s != null && !s.isEmpty();
  }
}
