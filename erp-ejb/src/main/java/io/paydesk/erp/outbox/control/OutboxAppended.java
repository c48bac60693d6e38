package io.paydesk.erp.outbox.control;

/** An event was written to the outbox; observed after commit to wake the relay. */
public record OutboxAppended(String eventId) {}
