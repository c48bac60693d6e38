package io.paydesk.wechatpay.v3;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v3/pay/transactions/jsapi}: a mini-program payment of {@code totalFen} fen (CNY).
 *
 * @param notifyUrl WeChat requires https in production (the sandbox also takes loopback http)
 * @param timeExpire nullable; sent as RFC 3339 in Beijing time
 * @param attach nullable; returned as is in queries and notifications
 */
public record JsapiPrepayRequest(
    String description,
    String outTradeNo,
    long totalFen,
    String openId,
    String notifyUrl,
    Instant timeExpire,
    String attach) {

  public JsapiPrepayRequest {
    Requests.requireText(description, "description");
    Requests.requireOrderNumber(outTradeNo, "outTradeNo");
    Requests.requirePositive(totalFen, "totalFen");
    Requests.requireText(openId, "openId");
    Requests.requireText(notifyUrl, "notifyUrl");
  }

  Map<String, Object> toJson(ApiV3Merchant merchant) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("appid", merchant.appId());
    m.put("mchid", merchant.mchId());
    m.put("description", description);
    m.put("out_trade_no", outTradeNo);
    if (timeExpire != null) {
      m.put("time_expire", io.paydesk.wechatpay.BeijingTime.formatRfc3339(timeExpire));
    }
    m.put("attach", attach);
    m.put("notify_url", notifyUrl);
    m.put("amount", Map.of("total", totalFen, "currency", "CNY"));
    m.put("payer", Map.of("openid", openId));
    return m;
  }
}
