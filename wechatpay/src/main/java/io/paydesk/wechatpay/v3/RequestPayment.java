package io.paydesk.wechatpay.v3;

import io.paydesk.wechatpay.v3.crypto.RsaSigner;

/**
 * The arguments of the mini-program's {@code wx.requestPayment} for a v3 prepay_id: {@code
 * signType=RSA}, {@code paySign} = SHA256withRSA with the merchant's key over {@code
 * appId\ntimeStamp\nnonceStr\npackage\n}.
 */
public record RequestPayment(
    String appId,
    String timeStamp,
    String nonceStr,
    String packageValue,
    String signType,
    String paySign) {

  /** The text {@code paySign} covers. */
  public static String message(String appId, String timeStamp, String nonceStr, String pkg) {
    return appId + "\n" + timeStamp + "\n" + nonceStr + "\n" + pkg + "\n";
  }

  static RequestPayment sign(
      RsaSigner signer, String appId, String prepayId, long epochSeconds, String nonce) {
    String ts = Long.toString(epochSeconds);
    String pkg = "prepay_id=" + prepayId;
    return new RequestPayment(
        appId, ts, nonce, pkg, "RSA", signer.sign(message(appId, ts, nonce, pkg)));
  }
}
