package io.paydesk.wechatpay.bill;

import java.util.List;

/** The detail columns PayDesk reads, each with the header names it has had. */
enum Column {
  TRADE_TIME("交易时间"),
  APP_ID("公众账号ID"),
  MCH_ID("商户号"),
  SUB_MCH_ID("特约商户号", "子商户号"),
  DEVICE_INFO("设备号"),
  TRANSACTION_ID("微信订单号"),
  OUT_TRADE_NO("商户订单号"),
  OPENID("用户标识"),
  TRADE_TYPE("交易类型"),
  TRADE_STATE("交易状态"),
  BANK_TYPE("付款银行"),
  CURRENCY("货币种类"),
  SETTLEMENT_TOTAL_FEE("应结订单金额", "总金额"),
  COUPON_FEE("代金券金额", "代金券或立减优惠金额", "企业红包金额"),
  REFUND_APPLY_TIME("退款申请时间"),
  REFUND_SUCCESS_TIME("退款成功时间"),
  REFUND_ID("微信退款单号"),
  OUT_REFUND_NO("商户退款单号"),
  REFUND_FEE("退款金额"),
  COUPON_REFUND_FEE("充值券退款金额", "代金券或立减优惠退款金额", "企业红包退款金额"),
  REFUND_TYPE("退款类型"),
  REFUND_STATUS("退款状态"),
  PRODUCT_NAME("商品名称"),
  ATTACH("商户数据包"),
  SERVICE_FEE("手续费"),
  RATE("费率"),
  TOTAL_FEE("订单金额"),
  APPLY_REFUND_FEE("申请退款金额"),
  RATE_REMARK("费率备注");

  final List<String> names;

  Column(String... names) {
    this.names = List.of(names);
  }
}
