package io.paydesk.erp.outbox.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * An event waiting in the outbox, or already published.
 *
 * <p>Lifecycle: written (unsent) in the transaction of the change it announces; published by the
 * relay in {@code seq} order; then marked sent. A crash between publishing and marking publishes it
 * again with the same {@code eventId}, which consumers use to drop the duplicate.
 */
@Entity
@Table(name = "outbox_event")
@NamedQuery(
    name = OutboxEvent.UNSENT,
    query = "SELECT e FROM OutboxEvent e WHERE e.sentAt IS NULL ORDER BY e.seq")
@NamedQuery(
    name = OutboxEvent.BACKLOG,
    query = "SELECT COUNT(e), MIN(e.occurredAt) FROM OutboxEvent e WHERE e.sentAt IS NULL")
@NamedQuery(
    name = OutboxEvent.MARK_SENT,
    query = "UPDATE OutboxEvent e SET e.sentAt = :now WHERE e.eventId IN :ids AND e.sentAt IS NULL")
@NamedQuery(
    name = OutboxEvent.OF_AGGREGATE,
    query =
        "SELECT e FROM OutboxEvent e WHERE e.aggregateType = :type AND e.aggregateId = :id"
            + " ORDER BY e.seq")
public class OutboxEvent {

  public static final String UNSENT = "OutboxEvent.unsent";
  public static final String BACKLOG = "OutboxEvent.backlog";
  public static final String MARK_SENT = "OutboxEvent.markSent";
  public static final String OF_AGGREGATE = "OutboxEvent.ofAggregate";

  /** Commit-independent order of events; per aggregate it is the order of its changes. */
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_seq")
  @SequenceGenerator(name = "outbox_seq", sequenceName = "outbox_seq", allocationSize = 1)
  private Long seq;

  @Column(name = "event_id", nullable = false, unique = true, length = 36, updatable = false)
  private String eventId;

  @Column(name = "event_type", nullable = false, length = 64, updatable = false)
  private String type;

  @Column(name = "event_version", nullable = false, updatable = false)
  private int version;

  @Column(name = "aggregate_type", nullable = false, length = 32, updatable = false)
  private String aggregateType;

  @Column(name = "aggregate_id", nullable = false, length = 64, updatable = false)
  private String aggregateId;

  @Column(nullable = false, length = 8000, updatable = false)
  private String payload;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private OffsetDateTime occurredAt;

  @Column(name = "sent_at")
  private OffsetDateTime sentAt;

  protected OutboxEvent() {}

  public OutboxEvent(EventHeader header, String payload) {
    Objects.requireNonNull(header, "header");
    this.eventId = UUID.randomUUID().toString();
    this.type = header.type();
    this.version = header.version();
    this.aggregateType = header.aggregateType();
    this.aggregateId = header.aggregateId();
    this.occurredAt = header.occurredAt().atOffset(ZoneOffset.UTC);
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  public long seq() {
    return seq;
  }

  public String eventId() {
    return eventId;
  }

  public EventHeader header() {
    return new EventHeader(type, version, aggregateType, aggregateId, occurredAt.toInstant());
  }

  public String payload() {
    return payload;
  }

  public Instant sentAt() {
    return sentAt == null ? null : sentAt.toInstant();
  }
}
