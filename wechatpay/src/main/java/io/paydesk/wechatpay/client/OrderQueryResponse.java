package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.xml.Fields;
import java.time.Instant;
import java.util.Map;

/**
 * An order's state at WeChat. Amounts, transaction id and time are present once paid.
 *
 * @param totalFee fen, null when WeChat did not send it
 * @param fields every field of the verified answer (raw trade_state included)
 */
public record OrderQueryResponse(
    String outTradeNo,
    TradeState tradeState,
    String transactionId,
    Long totalFee,
    Long cashFee,
    Instant timeEnd,
    String openid,
    String attach,
    String tradeStateDesc,
    Map<String, String> fields) {

  /** Partner mode: the sub-merchant's mch_id; null for a direct merchant. */
  public String subMchId() {
    return Fields.optional(fields, "sub_mch_id");
  }

  /** Partner mode: the buyer's openid under the sub-merchant's sub_appid, if any; else null. */
  public String subOpenid() {
    return Fields.optional(fields, "sub_openid");
  }

  static OrderQueryResponse from(Map<String, String> f) {
    return new OrderQueryResponse(
        Fields.required(f, "out_trade_no"),
        TradeState.of(Fields.required(f, "trade_state")),
        Fields.optional(f, "transaction_id"),
        Fields.optionalFen(f, "total_fee"),
        Fields.optionalFen(f, "cash_fee"),
        Fields.optionalTime(f, "time_end"),
        Fields.optional(f, "openid"),
        Fields.optional(f, "attach"),
        Fields.optional(f, "trade_state_desc"),
        f);
  }
}
