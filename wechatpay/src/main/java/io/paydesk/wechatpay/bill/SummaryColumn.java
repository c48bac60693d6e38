package io.paydesk.wechatpay.bill;

import java.util.List;

/** The summary columns, each with the header names it has had. */
enum SummaryColumn {
  TRADE_COUNT("总交易单数"),
  SETTLEMENT_TOTAL_FEE("应结订单总金额", "总交易额"),
  REFUND_FEE("退款总金额", "总退款金额"),
  COUPON_REFUND_FEE("充值券退款总金额", "总代金券或立减优惠退款金额", "总企业红包退款金额"),
  SERVICE_FEE("手续费总金额"),
  TOTAL_FEE("订单总金额"),
  APPLY_REFUND_FEE("申请退款总金额");

  final List<String> names;

  SummaryColumn(String... names) {
    this.names = List.of(names);
  }
}
