package io.paydesk.wechatpay.client;

/** {@code bill_type} of downloadbill. */
public enum BillType {
  ALL,
  SUCCESS,
  REFUND,
  RECHARGE_REFUND
}
