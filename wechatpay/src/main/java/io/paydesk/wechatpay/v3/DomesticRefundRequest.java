package io.paydesk.wechatpay.v3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v3/refund/domestic/refunds} for an order identified by out_trade_no. A retry after
 * an unknown outcome reuses the same out_refund_no and amounts.
 *
 * @param reason nullable, shown to the buyer
 * @param notifyUrl nullable (the merchant platform's configured URL applies)
 * @param fundsAccount nullable; {@code AVAILABLE} refunds from the available balance
 */
public record DomesticRefundRequest(
    String outTradeNo,
    String outRefundNo,
    long refundFen,
    long totalFen,
    String reason,
    String notifyUrl,
    String fundsAccount) {

  public DomesticRefundRequest {
    Requests.requireOrderNumber(outTradeNo, "outTradeNo");
    Requests.requireText(outRefundNo, "outRefundNo");
    if (outRefundNo.length() > 64 || !outRefundNo.matches("[0-9A-Za-z_\\-|*@]+")) {
      throw new IllegalArgumentException("outRefundNo must be 1-64 of [0-9A-Za-z_-|*@]");
    }
    Requests.requirePositive(refundFen, "refundFen");
    Requests.requirePositive(totalFen, "totalFen");
    if (refundFen > totalFen) {
      throw new IllegalArgumentException("refundFen exceeds totalFen");
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("out_trade_no", outTradeNo);
    m.put("out_refund_no", outRefundNo);
    m.put("reason", reason);
    m.put("notify_url", notifyUrl);
    m.put("funds_account", fundsAccount);
    m.put("amount", Map.of("refund", refundFen, "total", totalFen, "currency", "CNY"));
    return m;
  }
}
