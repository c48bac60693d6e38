package io.paydesk.wechatpay.notify;

import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.xml.Fields;
import java.time.Instant;
import java.util.Map;

/**
 * The decrypted {@code req_info} of a refund notification.
 *
 * @param refundRecvAccout WeChat's spelling ("accout") of the account the refund went to
 * @param fields every decrypted field
 */
public record RefundInfo(
    String outTradeNo,
    String transactionId,
    String outRefundNo,
    String refundId,
    long totalFee,
    long refundFee,
    Long settlementRefundFee,
    RefundStatus refundStatus,
    Instant successTime,
    String refundRecvAccout,
    String refundAccount,
    String refundRequestSource,
    Map<String, String> fields) {

  static RefundInfo from(Map<String, String> f) {
    return new RefundInfo(
        Fields.required(f, "out_trade_no"),
        Fields.required(f, "transaction_id"),
        Fields.required(f, "out_refund_no"),
        Fields.required(f, "refund_id"),
        Fields.requiredFen(f, "total_fee"),
        Fields.requiredFen(f, "refund_fee"),
        Fields.optionalFen(f, "settlement_refund_fee"),
        RefundStatus.of(Fields.required(f, "refund_status")),
        Fields.optionalTime(f, "success_time"),
        Fields.optional(f, "refund_recv_accout"),
        Fields.optional(f, "refund_account"),
        Fields.optional(f, "refund_request_source"),
        f);
  }
}
