package io.paydesk.wechatpay.v3.notify;

import io.paydesk.wechatpay.v3.Transaction;
import java.time.Instant;

/** A verified, decrypted payment notification; {@code id} is WeChat's notification id. */
public record PaymentEvent(
    String id, String eventType, Instant createTime, String summary, Transaction transaction) {}
