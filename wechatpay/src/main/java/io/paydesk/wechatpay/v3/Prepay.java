package io.paydesk.wechatpay.v3;

/** The answer of a JSAPI prepay: the prepay_id, valid two hours. */
public record Prepay(String prepayId) {}
