package io.paydesk.wechatpay.notify;

import java.util.Map;

/**
 * A refund notification whose {@code req_info} decrypted with this merchant's key.
 *
 * @param fields the outer, unencrypted fields
 */
public record RefundNotification(
    String appId, String mchId, RefundInfo info, Map<String, String> fields) {}
