package io.paydesk.wechatpay.v3.notify;

import io.paydesk.wechatpay.v3.DomesticRefund;
import java.time.Instant;

/** A verified, decrypted refund notification ({@code REFUND.SUCCESS|ABNORMAL|CLOSED}). */
public record RefundEvent(
    String id, String eventType, Instant createTime, String summary, DomesticRefund refund) {}
