package io.paydesk.refund.control;

import io.paydesk.gateway.boundary.WeChatOutcomes;
import io.paydesk.gateway.boundary.WeChatOutcomes.RefundFinding;
import io.paydesk.wechatpay.client.RefundQueryResponse;
import io.paydesk.wechatpay.notify.RefundInfo;
import java.time.Instant;

/**
 * What WeChat says about one refund, from a notification or a query, with refund_status already
 * mapped by {@link WeChatOutcomes}. Amounts are fen.
 */
public record WeChatRefundState(
    String outRefundNo,
    String outTradeNo,
    String refundId,
    long refundFee,
    RefundFinding finding,
    String rawStatus,
    Instant successTime) {

  public static WeChatRefundState of(RefundInfo info) {
    return new WeChatRefundState(
        info.outRefundNo(),
        info.outTradeNo(),
        info.refundId(),
        info.refundFee(),
        WeChatOutcomes.of(info.refundStatus()),
        info.fields().get("refund_status"),
        info.successTime());
  }

  public static WeChatRefundState of(RefundQueryResponse answer, RefundQueryResponse.Refund one) {
    return new WeChatRefundState(
        one.outRefundNo(),
        answer.outTradeNo(),
        one.refundId(),
        one.refundFee(),
        WeChatOutcomes.of(one.status()),
        answer.fields().get("refund_status_" + one.index()),
        one.successTime());
  }
}
