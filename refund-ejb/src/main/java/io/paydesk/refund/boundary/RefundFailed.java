package io.paydesk.refund.boundary;

import java.time.Instant;

/**
 * A refund failed: WeChat refused or closed it, or could not pay it to the buyer's bank card (the
 * money is back in the merchant account). {@code reason} says what happened and what staff can do.
 */
public record RefundFailed(
    String orderNo,
    String outRefundNo,
    long amount,
    String reason,
    Instant failedAt,
    String mchId) {}
