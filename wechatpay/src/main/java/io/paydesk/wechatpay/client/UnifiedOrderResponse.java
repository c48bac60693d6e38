package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.xml.Fields;
import java.util.Map;

/**
 * A successful unified order: {@code prepayId} is valid for 2 hours and can be handed out again.
 *
 * @param fields every field of the verified answer
 */
public record UnifiedOrderResponse(String prepayId, String tradeType, Map<String, String> fields) {
  static UnifiedOrderResponse from(Map<String, String> f) {
    return new UnifiedOrderResponse(
        Fields.required(f, "prepay_id"), Fields.optional(f, "trade_type"), f);
  }
}
