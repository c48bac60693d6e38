package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.xml.Fields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The refunds of an order, from the indexed {@code _$n} fields ({@code out_refund_no_0}, {@code
 * refund_status_0}, ...).
 */
public record RefundQueryResponse(
    String outTradeNo,
    String transactionId,
    long totalFee,
    List<Refund> refunds,
    Map<String, String> fields) {

  /**
   * One refund ({@code $n} = {@code index}).
   *
   * @param refundRecvAccout WeChat's spelling
   * @param successTime null until it succeeded
   */
  public record Refund(
      int index,
      String outRefundNo,
      String refundId,
      long refundFee,
      Long settlementRefundFee,
      RefundStatus status,
      String refundRecvAccout,
      String refundAccount,
      Instant successTime) {}

  /** The refund with this out_refund_no, if listed. */
  public java.util.Optional<Refund> find(String outRefundNo) {
    return refunds.stream().filter(r -> r.outRefundNo().equals(outRefundNo)).findFirst();
  }

  static RefundQueryResponse from(Map<String, String> f) {
    int count = Fields.optionalInt(f, "refund_count", 0);
    if (count < 0 || count > 50) {
      throw new io.paydesk.wechatpay.WeChatPayException(
          io.paydesk.wechatpay.WeChatPayException.Code.FIELD_INVALID, "refund_count out of range");
    }
    List<Refund> refunds = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      refunds.add(
          new Refund(
              n,
              Fields.required(f, "out_refund_no_" + n),
              Fields.required(f, "refund_id_" + n),
              Fields.requiredFen(f, "refund_fee_" + n),
              Fields.optionalFen(f, "settlement_refund_fee_" + n),
              RefundStatus.of(Fields.required(f, "refund_status_" + n)),
              Fields.optional(f, "refund_recv_accout_" + n),
              Fields.optional(f, "refund_account_" + n),
              Fields.optionalTime(f, "refund_success_time_" + n)));
    }
    return new RefundQueryResponse(
        Fields.required(f, "out_trade_no"),
        Fields.optional(f, "transaction_id"),
        Fields.requiredFen(f, "total_fee"),
        List.copyOf(refunds),
        f);
  }
}
