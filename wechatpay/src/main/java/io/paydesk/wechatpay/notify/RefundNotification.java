package io.paydesk.wechatpay.notify;

import io.paydesk.wechatpay.xml.Fields;
import java.util.Map;

/**
 * A refund notification whose {@code req_info} decrypted with this merchant's key. In
 * service-provider (partner) mode {@code appId}/{@code mchId} are the service provider's (whose key
 * encrypted {@code req_info}) and {@link #subMchId()} names the sub-merchant.
 *
 * @param fields the outer, unencrypted fields
 */
public record RefundNotification(
    String appId, String mchId, RefundInfo info, Map<String, String> fields) {

  /** Partner mode: the sub-merchant's mch_id ({@code sub_mch_id}); null for a direct merchant. */
  public String subMchId() {
    return Fields.optional(fields, "sub_mch_id");
  }

  /** Partner mode: the sub-merchant's appid, if the order named one; else null. */
  public String subAppId() {
    return Fields.optional(fields, "sub_appid");
  }
}
