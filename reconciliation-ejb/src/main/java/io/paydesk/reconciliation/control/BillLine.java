package io.paydesk.reconciliation.control;

import io.paydesk.wechatpay.bill.BillRow;
import java.io.Serializable;

/**
 * What reconciliation needs of one bill line, amounts in fen (the fee in 0.001 fen).
 *
 * @param amountFen a payment line's order amount (订单金额, or 应结订单金额 in the old layout); a refund
 *     line's refund amount
 * @param state a payment line's 交易状态 (SUCCESS, REVOKED), a refund line's 退款状态 (SUCCESS, PROCESSING,
 *     CHANGE, REFUNDCLOSE)
 */
public record BillLine(
    boolean refund,
    String outTradeNo,
    String transactionId,
    String outRefundNo,
    String refundId,
    long amountFen,
    String state,
    long feeMilliFen)
    implements Serializable {

  public static BillLine of(BillRow row) {
    if (row.isRefund()) {
      return new BillLine(
          true,
          row.outTradeNo(),
          row.transactionId(),
          row.outRefundNo(),
          row.refundId(),
          row.refundFee(),
          row.refundStatus(),
          row.serviceFeeMilliFen());
    }
    return new BillLine(
        false,
        row.outTradeNo(),
        row.transactionId(),
        null,
        null,
        row.totalFee() != null ? row.totalFee() : row.settlementTotalFee(),
        row.tradeState(),
        row.serviceFeeMilliFen());
  }
}
