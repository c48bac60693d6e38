package io.paydesk.platform.audit.entity;

import java.time.Instant;

/** What to audit: who did what to which target, from where, how it ended, and why. */
public record AuditRecord(
    String actor,
    String action,
    String target,
    String address,
    AuditOutcome outcome,
    String detail) {

  public AuditRecord {
    if (action == null || action.isBlank() || outcome == null) {
      throw new IllegalArgumentException("an audit record names its action and outcome");
    }
  }

  /** A written audit row, for the audit page. */
  public record Row(
      long id,
      Instant occurredAt,
      String actor,
      String action,
      String target,
      String address,
      AuditOutcome outcome,
      String detail) {}

  /** Which rows to show; null fields do not filter. {@code to} is exclusive. */
  public record Filter(
      String actor, String action, String target, AuditOutcome outcome, Instant from, Instant to) {
    public static Filter none() {
      return new Filter(null, null, null, null, null, null);
    }
  }
}
