package io.paydesk.wechatpay.v3;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.v3.json.JsonObject;
import java.time.Instant;

/**
 * A payment as the v3 query and the {@code TRANSACTION.SUCCESS} notification describe it; amounts
 * in fen. {@code tradeState} is {@link TradeState#UNRECOGNIZED} for a state this version does not
 * know ({@code rawTradeState} has the text). Nullable: transactionId, bankType, attach,
 * successTime, openId, payerTotalFen (absent until paid).
 */
public record Transaction(
    String appId,
    String mchId,
    String outTradeNo,
    String transactionId,
    TradeState tradeState,
    String rawTradeState,
    String tradeStateDesc,
    String bankType,
    String attach,
    Instant successTime,
    String openId,
    long totalFen,
    Long payerTotalFen) {

  /** From the JSON of a query answer or a decrypted notification resource. */
  public static Transaction from(JsonObject j) {
    JsonObject amount = j.object("amount");
    JsonObject payer = j.optObject("payer");
    String state = j.string("trade_state");
    String success = j.optString("success_time");
    Instant successTime;
    try {
      successTime = success == null || success.isEmpty() ? null : BeijingTime.parseRfc3339(success);
    } catch (IllegalArgumentException e) {
      throw new WeChatPayException(WeChatPayException.Code.FIELD_INVALID, e.getMessage(), e);
    }
    return new Transaction(
        j.optString("appid"),
        j.string("mchid"),
        j.string("out_trade_no"),
        j.optString("transaction_id"),
        TradeState.of(state),
        state,
        j.optString("trade_state_desc"),
        j.optString("bank_type"),
        j.optString("attach"),
        successTime,
        payer == null ? null : payer.optString("openid"),
        amount.longValue("total"),
        amount.optLong("payer_total"));
  }
}
