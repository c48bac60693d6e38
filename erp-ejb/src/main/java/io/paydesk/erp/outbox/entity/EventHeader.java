package io.paydesk.erp.outbox.entity;

import java.time.Instant;
import java.util.Objects;

/** What every outgoing event says about itself, beside its JSON body. */
public record EventHeader(
    String type, int version, String aggregateType, String aggregateId, Instant occurredAt) {

  public EventHeader {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (version < 1) {
      throw new IllegalArgumentException("version must be 1 or more");
    }
  }
}
