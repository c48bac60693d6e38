package io.paydesk.reconciliation.control;

import io.paydesk.reconciliation.entity.DiscrepancyType;

/** A discrepancy as the matching finds it, before it is written. */
public record Finding(
    DiscrepancyType type,
    String outTradeNo,
    String outRefundNo,
    String transactionId,
    String refundId,
    Long wechatFen,
    Long paydeskFen,
    String wechatStatus,
    String paydeskStatus,
    String detail) {}
