package io.paydesk.wechatpay.bill;

import java.time.Instant;

/**
 * One trade line of a downloadbill bill, amounts converted exactly to fen. Columns a layout does
 * not have are 0 (amounts), or null (times, strings and the 免充值券 layout's {@code totalFee}, {@code
 * applyRefundFee}, {@code rateRemark}).
 *
 * @param tradeTime 交易时间: payment success time, or refund request time
 * @param subMchId 特约商户号 / 子商户号
 * @param tradeState 交易状态: SUCCESS, REFUND, REVOKED
 * @param settlementTotalFee 应结订单金额 (old layout: 总金额)
 * @param couponFee 代金券金额 (old layout: 代金券或立减优惠金额)
 * @param refundFee 退款金额
 * @param couponRefundFee 充值券退款金额 (old layout: 代金券或立减优惠退款金额)
 * @param serviceFeeMilliFen 手续费, in 0.001 fen (the bill gives 5 decimals of yuan); negative when a
 *     refund returns fee
 * @param rate 费率 as written, e.g. {@code 0.60%}
 * @param totalFee 订单金额 (免充值券 layout only)
 * @param applyRefundFee 申请退款金额 (免充值券 layout only)
 * @param rateRemark 费率备注 (免充值券 layout only)
 */
public record BillRow(
    Instant tradeTime,
    String appId,
    String mchId,
    String subMchId,
    String deviceInfo,
    String transactionId,
    String outTradeNo,
    String openid,
    String tradeType,
    String tradeState,
    String bankType,
    String currency,
    long settlementTotalFee,
    long couponFee,
    Instant refundApplyTime,
    Instant refundSuccessTime,
    String refundId,
    String outRefundNo,
    long refundFee,
    long couponRefundFee,
    String refundType,
    String refundStatus,
    String productName,
    String attach,
    long serviceFeeMilliFen,
    String rate,
    Long totalFee,
    Long applyRefundFee,
    String rateRemark) {

  /** True for a refund line (交易状态 REFUND). */
  public boolean isRefund() {
    return "REFUND".equals(tradeState);
  }
}
