package io.paydesk.wechatpay.miniprogram;

import io.paydesk.wechatpay.v3.json.JsonObject;

/**
 * WeChat's answer to {@code POST /wxa/sec/order/get_order} (查询订单发货状态): the payment as the
 * shipping-information service sees it.
 *
 * @param orderState 1 waiting to ship, 2 shipped, 3 received, 4 done, 5 refunded
 * @param shipping the {@code shipping} object as WeChat sent it (absent before any upload)
 */
public record ShippingState(
    String transactionId,
    String mchId,
    String outTradeNo,
    String openid,
    int orderState,
    JsonObject shipping) {

  /** order_state 1: paid, nothing uploaded yet. */
  public static final int WAITING_TO_SHIP = 1;

  /** order_state 2: the shipping information is recorded. */
  public static final int SHIPPED = 2;

  static ShippingState of(JsonObject answer) {
    JsonObject order = answer.object("order");
    Long state = order.optLong("order_state");
    return new ShippingState(
        order.optString("transaction_id"),
        order.optString("merchant_id"),
        order.optString("merchant_trade_no"),
        order.optString("openid"),
        state == null ? 0 : state.intValue(),
        order.optObject("shipping"));
  }
}
