package io.paydesk.platform.audit.entity;

/** How a staff action ended. */
public enum AuditOutcome {
  /** Done and committed with the action. */
  DONE,
  /** Refused: the action failed or was rolled back; nothing changed. */
  REFUSED
}
