package io.paydesk.wechatpay.v3.crypto;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code Authorization} header of API v3: {@code WECHATPAY2-SHA256-RSA2048 mchid="…",
 * nonce_str="…",timestamp="…",serial_no="…",signature="…"}, the signature being SHA256withRSA with
 * the merchant's private key over {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n} — URL being the
 * path and query as sent, BODY empty for a GET.
 */
public record Authorization(
    String mchId, String nonce, long timestamp, String serialNo, String signature) {

  public static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";

  /** The text a request signature covers. */
  public static String message(
      String method, String pathAndQuery, long timestamp, String nonce, String body) {
    return method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
  }

  /** Signs a request. */
  public static Authorization sign(
      RsaSigner signer,
      String mchId,
      String serialNo,
      String method,
      String pathAndQuery,
      String body,
      long timestamp,
      String nonce) {
    String signature = signer.sign(message(method, pathAndQuery, timestamp, nonce, body));
    return new Authorization(mchId, nonce, timestamp, serialNo, signature);
  }

  /** The header value. */
  public String header() {
    return SCHEME
        + " mchid=\""
        + mchId
        + "\",nonce_str=\""
        + nonce
        + "\",timestamp=\""
        + timestamp
        + "\",serial_no=\""
        + serialNo
        + "\",signature=\""
        + signature
        + "\"";
  }

  /**
   * Parses a header value (the server's side).
   *
   * @return null if it is not a complete {@code WECHATPAY2-SHA256-RSA2048} authorization
   */
  public static Authorization parse(String header) {
    if (header == null || !header.startsWith(SCHEME + " ")) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    String rest = header.substring(SCHEME.length() + 1).strip();
    int i = 0;
    while (i < rest.length()) {
      int eq = rest.indexOf('=', i);
      if (eq < 0 || eq + 1 >= rest.length() || rest.charAt(eq + 1) != '"') {
        return null;
      }
      int close = rest.indexOf('"', eq + 2);
      if (close < 0) {
        return null;
      }
      String name = rest.substring(i, eq).strip();
      if (params.put(name, rest.substring(eq + 2, close)) != null) {
        return null;
      }
      i = close + 1;
      while (i < rest.length() && (rest.charAt(i) == ',' || rest.charAt(i) == ' ')) {
        i++;
      }
    }
    String ts = params.get("timestamp");
    if (params.get("mchid") == null
        || params.get("nonce_str") == null
        || ts == null
        || !ts.matches("[0-9]{1,12}")
        || params.get("serial_no") == null
        || params.get("signature") == null) {
      return null;
    }
    return new Authorization(
        params.get("mchid"),
        params.get("nonce_str"),
        Long.parseLong(ts),
        params.get("serial_no"),
        params.get("signature"));
  }
}
