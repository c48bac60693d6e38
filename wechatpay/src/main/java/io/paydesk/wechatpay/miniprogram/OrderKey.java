package io.paydesk.wechatpay.miniprogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which payment an upload or a query is about: WeChat's {@code transaction_id} (order_number_type
 * 2), or the merchant's {@code mchid} and {@code out_trade_no} (order_number_type 1).
 */
public record OrderKey(String transactionId, String mchId, String outTradeNo) {

  public OrderKey {
    boolean byTransaction = transactionId != null && !transactionId.isBlank();
    boolean byMerchant =
        mchId != null && !mchId.isBlank() && outTradeNo != null && !outTradeNo.isBlank();
    if (!byTransaction && !byMerchant) {
      throw new IllegalArgumentException(
          "an order key is a transaction_id or mchid + out_trade_no");
    }
    if (byTransaction) {
      mchId = null;
      outTradeNo = null;
    }
  }

  public static OrderKey ofTransaction(String transactionId) {
    return new OrderKey(transactionId, null, null);
  }

  public static OrderKey ofMerchant(String mchId, String outTradeNo) {
    return new OrderKey(null, mchId, outTradeNo);
  }

  /** WeChat's order_number_type: 2 by transaction_id, 1 by mchid and out_trade_no. */
  public int numberType() {
    return transactionId != null ? 2 : 1;
  }

  Map<String, Object> toJson() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("order_number_type", numberType());
    key.put("transaction_id", transactionId);
    key.put("mchid", mchId);
    key.put("out_trade_no", outTradeNo);
    return key;
  }

  /** The body of {@code get_order}, which names the fields differently. */
  Map<String, Object> toQueryJson() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("transaction_id", transactionId);
    key.put("merchant_id", mchId);
    key.put("merchant_trade_no", outTradeNo);
    return key;
  }
}
