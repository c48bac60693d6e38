package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.xml.Fields;
import java.util.Map;

/**
 * The refund was <b>accepted</b>; its outcome comes from the refund notification or refundquery.
 */
public record RefundResponse(
    String outTradeNo,
    String transactionId,
    String outRefundNo,
    String refundId,
    long refundFee,
    long totalFee,
    Long settlementRefundFee,
    Map<String, String> fields) {

  static RefundResponse from(Map<String, String> f) {
    return new RefundResponse(
        Fields.required(f, "out_trade_no"),
        Fields.optional(f, "transaction_id"),
        Fields.required(f, "out_refund_no"),
        Fields.required(f, "refund_id"),
        Fields.requiredFen(f, "refund_fee"),
        Fields.requiredFen(f, "total_fee"),
        Fields.optionalFen(f, "settlement_refund_fee"),
        f);
  }
}
