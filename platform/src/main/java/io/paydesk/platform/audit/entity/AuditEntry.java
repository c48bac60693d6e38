package io.paydesk.platform.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One audited staff action: who did what to which target, when, from which address, and how it
 * ended. Written once, never changed.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
  @SequenceGenerator(
      name = "audit_entry_seq",
      sequenceName = "audit_entry_seq",
      allocationSize = 50)
  private Long id;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private OffsetDateTime occurredAt;

  @Column(nullable = false, updatable = false, length = 64)
  private String actor;

  @Column(nullable = false, updatable = false, length = 64)
  private String action;

  @Column(updatable = false, length = 128)
  private String target;

  @Column(updatable = false, length = 64)
  private String address;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false, length = 16)
  private AuditOutcome outcome;

  @Column(updatable = false, length = 512)
  private String detail;

  protected AuditEntry() {}

  public AuditEntry(AuditRecord record, Instant at) {
    this.occurredAt = at.atOffset(ZoneOffset.UTC);
    this.actor = cut(record.actor() == null ? "system" : record.actor(), 64);
    this.action = cut(record.action(), 64);
    this.target = cut(record.target(), 128);
    this.address = cut(record.address(), 64);
    this.outcome = record.outcome();
    this.detail = cut(record.detail(), 512);
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  public AuditRecord.Row row() {
    return new AuditRecord.Row(
        id, occurredAt.toInstant(), actor, action, target, address, outcome, detail);
  }
}
