package io.paydesk.erp.notices.entity;

import java.time.Instant;

/**
 * One notice as staff see it on the order page (the print history): what it was, who asked for it,
 * how its delivery stands and the channel's last answer.
 */
public record NoticeView(
    Long id,
    Channel channel,
    Topic topic,
    String requestedBy,
    NoticeStatus status,
    int attempts,
    String lastAnswer,
    String externalId,
    Instant createdAt,
    Instant sentAt,
    Instant nextAttemptAt) {}
