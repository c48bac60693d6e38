package io.paydesk.wechatpay.v3.json;

/**
 * A JSON number that is not a long integer (a fraction, an exponent, or more than 18 digits), kept
 * as its text: v3 amounts are integer fen, so PayDesk never needs to compute with these.
 */
public record JsonNumber(String text) {}
