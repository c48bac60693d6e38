package io.paydesk.erp.outbox.entity;

/** An unsent event as the relay hands it to the publisher, outside any transaction. */
public record PendingEvent(long seq, String eventId, EventHeader header, String payload) {

  public static PendingEvent of(OutboxEvent event) {
    return new PendingEvent(event.seq(), event.eventId(), event.header(), event.payload());
  }
}
