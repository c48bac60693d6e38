package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.BeijingTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSAPI (mini-program) unified order. {@code outTradeNo} is the caller's: a retry after an
 * unknown outcome sends the same number with the same parameters.
 *
 * @param totalFee in fen
 * @param timeStart optional
 * @param timeExpire optional
 * @param attach optional, returned in the notification
 */
public record UnifiedOrderRequest(
    String outTradeNo,
    String body,
    long totalFee,
    String spbillCreateIp,
    String notifyUrl,
    String openid,
    Instant timeStart,
    Instant timeExpire,
    String attach) {

  public UnifiedOrderRequest {
    Requests.requireOrderNumber(outTradeNo, "outTradeNo");
    Requests.requireText(body, "body");
    Requests.requirePositive(totalFee, "totalFee");
    Requests.requireText(spbillCreateIp, "spbillCreateIp");
    Requests.requireText(notifyUrl, "notifyUrl");
    Requests.requireText(openid, "openid");
  }

  Map<String, String> toFields() {
    Map<String, String> f = new HashMap<>();
    f.put("out_trade_no", outTradeNo);
    f.put("body", body);
    f.put("total_fee", Long.toString(totalFee));
    f.put("spbill_create_ip", spbillCreateIp);
    f.put("notify_url", notifyUrl);
    f.put("trade_type", "JSAPI");
    f.put("openid", openid);
    if (timeStart != null) {
      f.put("time_start", BeijingTime.format(timeStart));
    }
    if (timeExpire != null) {
      f.put("time_expire", BeijingTime.format(timeExpire));
    }
    if (attach != null) {
      f.put("attach", attach);
    }
    return f;
  }
}
