package io.paydesk.payment.boundary;

import java.util.Map;

/**
 * What the mini-program passes to {@code wx.requestPayment}: {@code appId}, {@code timeStamp},
 * {@code nonceStr}, {@code package}, {@code signType}, {@code paySign}.
 */
public record JsapiPayment(String orderNo, String outTradeNo, Map<String, String> requestPayment) {}
