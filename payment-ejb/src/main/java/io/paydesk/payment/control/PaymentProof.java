package io.paydesk.payment.control;

import java.time.Instant;

/** What WeChat says about a payment: enough to mark an attempt paid. Amounts are fen. */
public record PaymentProof(
    String outTradeNo, String transactionId, long totalFee, Instant paidAt) {}
