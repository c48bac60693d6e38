package io.paydesk.wechatpay.client;

/** {@code trade_state} of orderquery. */
public enum TradeState {
  SUCCESS,
  REFUND,
  NOTPAY,
  CLOSED,
  REVOKED,
  USERPAYING,
  PAYERROR,
  ACCEPT,
  /** A value this version does not know; the raw text is in the response's fields. */
  UNRECOGNIZED;

  public static TradeState of(String raw) {
    for (TradeState state : values()) {
      if (state != UNRECOGNIZED && state.name().equals(raw)) {
        return state;
      }
    }
    return UNRECOGNIZED;
  }
}
