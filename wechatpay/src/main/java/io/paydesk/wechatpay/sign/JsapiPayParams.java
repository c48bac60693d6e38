package io.paydesk.wechatpay.sign;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arguments of the mini-program's {@code wx.requestPayment}: hand {@link #toMap()} to the
 * client as JSON. {@code paySign} signs the other five fields with the merchant's API key.
 */
public record JsapiPayParams(
    String appId,
    String timeStamp,
    String nonceStr,
    String packageValue,
    SignType signType,
    String paySign) {

  /** The object for {@code wx.requestPayment}, keyed by the names the mini-program expects. */
  public Map<String, String> toMap() {
    Map<String, String> map = unsigned(appId, timeStamp, nonceStr, packageValue, signType);
    map.put("paySign", paySign);
    return map;
  }

  static Map<String, String> unsigned(
      String appId, String timeStamp, String nonceStr, String packageValue, SignType signType) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("appId", appId);
    map.put("timeStamp", timeStamp);
    map.put("nonceStr", nonceStr);
    map.put("package", packageValue);
    map.put("signType", signType.wireName());
    return map;
  }
}
