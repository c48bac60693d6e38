package io.paydesk.payment.boundary;

import java.time.Instant;

/** WeChat confirmed an order paid. Announced in the transaction that recorded it, and after. */
public record OrderPaid(
    String orderNo,
    String outTradeNo,
    String transactionId,
    long amount,
    Instant paidAt,
    String mchId) {}
