package io.paydesk.wechatpay.notify;

import io.paydesk.wechatpay.WeChatError;
import io.paydesk.wechatpay.xml.Fields;
import java.time.Instant;
import java.util.Map;

/**
 * A verified payment notification. The caller still checks {@link #outTradeNo()} against its order
 * and {@link #totalFee()} against the order's amount ({@link #amountMatches}) before marking it
 * paid, idempotently: the same notification arrives several times.
 *
 * <p>In service-provider (partner) mode {@link #appId()} and {@link #mchId()} are the service
 * provider's (whose key signed the notification) and {@link #subMchId()} names the sub-merchant the
 * payment belongs to: route by it.
 *
 * @param openid the buyer's openid under {@code appid} (in partner mode: the service provider's)
 * @param fields every field that arrived, including ones this version does not know
 */
public record PaymentNotification(
    String appId,
    String mchId,
    String outTradeNo,
    String transactionId,
    long totalFee,
    Long cashFee,
    String openid,
    String tradeType,
    String bankType,
    Instant timeEnd,
    String attach,
    boolean succeeded,
    WeChatError error,
    Map<String, String> fields) {

  /** True when WeChat's {@code total_fee} equals the order's amount in fen. */
  public boolean amountMatches(long orderTotalFen) {
    return totalFee == orderTotalFen;
  }

  /** Partner mode: the sub-merchant's mch_id ({@code sub_mch_id}); null for a direct merchant. */
  public String subMchId() {
    return Fields.optional(fields, "sub_mch_id");
  }

  /** Partner mode: the sub-merchant's appid, if the order named one; else null. */
  public String subAppId() {
    return Fields.optional(fields, "sub_appid");
  }

  /** Partner mode: the buyer's openid under {@link #subAppId()}, if any; else null. */
  public String subOpenid() {
    return Fields.optional(fields, "sub_openid");
  }

  static PaymentNotification from(Map<String, String> f) {
    boolean ok = "SUCCESS".equals(f.get("result_code"));
    return new PaymentNotification(
        Fields.required(f, "appid"),
        Fields.required(f, "mch_id"),
        Fields.required(f, "out_trade_no"),
        ok ? Fields.required(f, "transaction_id") : Fields.optional(f, "transaction_id"),
        ok ? Fields.requiredFen(f, "total_fee") : orZero(Fields.optionalFen(f, "total_fee")),
        Fields.optionalFen(f, "cash_fee"),
        Fields.optional(f, "openid"),
        Fields.optional(f, "trade_type"),
        Fields.optional(f, "bank_type"),
        Fields.optionalTime(f, "time_end"),
        Fields.optional(f, "attach"),
        ok,
        ok ? null : WeChatError.of(f.get("err_code"), f.get("err_code_des")),
        f);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
