package io.paydesk.wechatpay.client;

import java.util.Map;

/**
 * The order is closed. (ORDERPAID comes back as a {@link CallResult.BusinessFailure}: query the
 * order and mark it paid.)
 */
public record CloseOrderResponse(Map<String, String> fields) {}
