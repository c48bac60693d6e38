package io.paydesk.gateway.entity;

import java.time.Instant;

/**
 * What PayDesk asks WeChat to prepare a JSAPI payment for (a unified order). Amounts are fen.
 *
 * @param clientIp the buyer's IP
 * @param createdAt when the attempt started (time_start)
 * @param expiresAt when the order expires (time_expire)
 * @param mchId the merchant the order is paid to (null: the first merchant)
 */
public record PrepayRequest(
    String outTradeNo,
    String description,
    long amount,
    String clientIp,
    String openid,
    Instant createdAt,
    Instant expiresAt,
    String mchId) {}
