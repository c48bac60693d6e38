package io.paydesk.wechatpay.client;

import java.util.HashMap;
import java.util.Map;

/**
 * A refund of (part of) a paid order. {@code outRefundNo} is the caller's, one per refund: a retry
 * of an unknown or failed call (SYSTEMERROR, or NOTENOUGH retried with {@code
 * refundAccount=REFUND_SOURCE_RECHARGE_FUNDS}) reuses it.
 *
 * @param totalFee the order's total in fen
 * @param refundFee this refund in fen
 * @param refundDesc optional
 * @param refundAccount optional: {@code REFUND_SOURCE_UNSETTLED_FUNDS} or {@code
 *     REFUND_SOURCE_RECHARGE_FUNDS}
 * @param notifyUrl optional: overrides the refund notify URL of the merchant platform
 */
public record RefundRequest(
    String outTradeNo,
    String outRefundNo,
    long totalFee,
    long refundFee,
    String refundDesc,
    String refundAccount,
    String notifyUrl) {

  public RefundRequest {
    Requests.requireOrderNumber(outTradeNo, "outTradeNo");
    Requests.requireOrderNumber(outRefundNo, "outRefundNo");
    Requests.requirePositive(totalFee, "totalFee");
    Requests.requirePositive(refundFee, "refundFee");
    if (refundFee > totalFee) {
      throw new IllegalArgumentException("refundFee exceeds totalFee");
    }
  }

  Map<String, String> toFields() {
    Map<String, String> f = new HashMap<>();
    f.put("out_trade_no", outTradeNo);
    f.put("out_refund_no", outRefundNo);
    f.put("total_fee", Long.toString(totalFee));
    f.put("refund_fee", Long.toString(refundFee));
    if (refundDesc != null) {
      f.put("refund_desc", refundDesc);
    }
    if (refundAccount != null) {
      f.put("refund_account", refundAccount);
    }
    if (notifyUrl != null) {
      f.put("notify_url", notifyUrl);
    }
    return f;
  }
}
