package io.paydesk.it;

import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Payment notifications as WeChat sends them, signed with the test merchant's key (or not). */
public final class Notifications {

  private Notifications() {}

  /** Every field of a successful payment notification, unsigned. */
  public static Map<String, String> paid(String outTradeNo, String transactionId, long totalFee) {
    var merchant = TestSandbox.merchant();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("appid", merchant.appId());
    f.put("mch_id", merchant.mchId());
    f.put("nonce_str", UUID.randomUUID().toString().replace("-", ""));
    f.put("result_code", "SUCCESS");
    f.put("return_code", "SUCCESS");
    f.put("openid", "o-test-buyer");
    f.put("is_subscribe", "N");
    f.put("trade_type", "JSAPI");
    f.put("bank_type", "CMC");
    f.put("total_fee", Long.toString(totalFee));
    f.put("cash_fee", Long.toString(totalFee));
    f.put("fee_type", "CNY");
    f.put("transaction_id", transactionId);
    f.put("out_trade_no", outTradeNo);
    f.put("time_end", "20261128120000");
    return f;
  }

  public static String signed(Map<String, String> fields) {
    var merchant = TestSandbox.merchant();
    return WeChatXml.write(new Signer(merchant.apiKey()).signed(fields, merchant.signType()));
  }

  /** Signed with another merchant's key (issue 18's crossings). */
  public static String signed(Map<String, String> fields, io.paydesk.wechatpay.Merchant merchant) {
    return WeChatXml.write(new Signer(merchant.apiKey()).signed(fields, merchant.signType()));
  }

  public static String unsigned(Map<String, String> fields) {
    return WeChatXml.write(fields);
  }

  public static String transactionId() {
    return "42000" + Long.toString(System.nanoTime()).substring(0, 13) + "0000";
  }
}
