package io.paydesk.wechatpay.v3;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.v3.json.JsonObject;
import java.time.Instant;

/**
 * A v3 refund, as the refund and refund-query answers and the refund notification describe it;
 * amounts in fen. The notification carries fewer fields: nullable are refundId (never in practice),
 * channel, createTime, successTime, fundsAccount, userReceivedAccount, payerTotalFen,
 * payerRefundFen, settlementRefundFen.
 */
public record DomesticRefund(
    String refundId,
    String outRefundNo,
    String transactionId,
    String outTradeNo,
    String channel,
    String userReceivedAccount,
    Instant successTime,
    Instant createTime,
    DomesticRefundStatus status,
    String rawStatus,
    String fundsAccount,
    long totalFen,
    long refundFen,
    Long payerTotalFen,
    Long payerRefundFen,
    Long settlementRefundFen) {

  /** From an answer ({@code status}) or a decrypted notification ({@code refund_status}). */
  public static DomesticRefund from(JsonObject j) {
    String raw = j.has("status") ? j.string("status") : j.string("refund_status");
    JsonObject amount = j.object("amount");
    return new DomesticRefund(
        j.optString("refund_id"),
        j.string("out_refund_no"),
        j.optString("transaction_id"),
        j.string("out_trade_no"),
        j.optString("channel"),
        j.optString("user_received_account"),
        time(j.optString("success_time")),
        time(j.optString("create_time")),
        DomesticRefundStatus.of(raw),
        raw,
        j.optString("funds_account"),
        amount.longValue("total"),
        amount.longValue("refund"),
        amount.optLong("payer_total"),
        amount.optLong("payer_refund"),
        amount.optLong("settlement_refund"));
  }

  private static Instant time(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return BeijingTime.parseRfc3339(text);
    } catch (IllegalArgumentException e) {
      throw new WeChatPayException(WeChatPayException.Code.FIELD_INVALID, e.getMessage(), e);
    }
  }
}
