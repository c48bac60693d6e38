package io.paydesk.payment.boundary;

import io.paydesk.payment.entity.OrderStatus;
import java.time.Instant;

/**
 * What refunds need to know of an order, read with its row locked: how it stands, the payment to
 * refund ({@code outTradeNo}, WeChat's {@code transactionId}; null until paid), the amount paid and
 * how much WeChat has refunded so far (fen).
 */
public record RefundableOrder(
    String orderNo,
    OrderStatus status,
    String outTradeNo,
    String transactionId,
    long amountPaid,
    long refunded,
    Instant paidAt) {}
