package io.paydesk.gateway.entity;

import io.paydesk.payment.entity.Shipment;
import java.time.Instant;

/**
 * A shipment as PayDesk tells WeChat's shipping-information service about it: which payment
 * (out_trade_no, and WeChat's transaction id when known), the payer, how it travels, the parcel and
 * what is in it. {@code receiverContact} is the buyer's phone, already masked.
 */
public record ShippingReport(
    String orderNo,
    String outTradeNo,
    String transactionId,
    String openid,
    Shipment.Method method,
    String expressCompany,
    String trackingNo,
    String itemDesc,
    String receiverContact,
    Instant shippedAt) {}
