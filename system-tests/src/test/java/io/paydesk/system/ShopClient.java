package io.paydesk.system;

import io.paydesk.it.Http;
import jakarta.json.JsonObject;
import java.net.MalformedURLException;
import java.net.URI;

/**
 * Every call the crash and stop tests make to PayDesk's HTTP API, in one place (the credentials the
 * API asks for, if any, are added here and nowhere else).
 */
final class ShopClient {

  private final Http http;

  ShopClient(URI paydesk) {
    try {
      this.http = new Http(paydesk.toURL());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** An order's payment as the shop opens it: WeChat's prepay id and PayDesk's out_trade_no. */
  record OpenPayment(String orderNo, long amount, String outTradeNo, String prepayId) {}

  /** An order as PayDesk reports it: its status and the transaction id of its paid attempt. */
  record OrderState(String status, long amount, String transactionId, int paidTransitions) {}

  /** Creates an order and opens its payment (a real unified order at the sandbox). */
  OpenPayment openPayment(String orderNo, long amount) {
    Http.Answer created = http.postJson("api/orders", Http.order(orderNo, amount));
    if (created.status() != 201) {
      throw new IllegalStateException("order " + orderNo + " not created: " + created);
    }
    JsonObject payment = http.postJson("api/orders/" + orderNo + "/payment", "{}").json();
    return new OpenPayment(
        orderNo,
        amount,
        payment.getString("outTradeNo"),
        payment
            .getJsonObject("requestPayment")
            .getString("package")
            .substring("prepay_id=".length()));
  }

  OrderState order(String orderNo) {
    JsonObject order = http.get("api/orders/" + orderNo).json();
    String transactionId =
        order.getJsonArray("attempts").stream()
            .map(a -> a.asJsonObject())
            .filter(a -> a.containsKey("transactionId") && !a.isNull("transactionId"))
            .map(a -> a.getString("transactionId"))
            .findFirst()
            .orElse(null);
    int paid =
        (int)
            order.getJsonArray("history").stream()
                .filter(h -> "PAID".equals(h.asJsonObject().getString("to")))
                .count();
    return new OrderState(
        order.getString("status"), order.getJsonNumber("amount").longValue(), transactionId, paid);
  }

  /** Posts a payment notification as WeChat (or a forger) would; answers PayDesk's reply. */
  Http.Answer notifyPayment(String xml) {
    return http.postXml("api/wechat/notify/pay", xml);
  }

  /** The readiness endpoint: status and body. */
  Http.Answer readiness() {
    return http.get("/health/ready");
  }
}
