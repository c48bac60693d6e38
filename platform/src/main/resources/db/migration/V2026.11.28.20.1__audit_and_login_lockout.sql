-- The audit trail of staff actions, and failed-login counting for the lockout (payment-ejb platform).
-- Portable SQL: H2 2.2 and PostgreSQL 14+.

CREATE SEQUENCE audit_entry_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE audit_entry (
  id          BIGINT                   NOT NULL PRIMARY KEY,
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
  actor       VARCHAR(64)              NOT NULL,
  action      VARCHAR(64)              NOT NULL,
  target      VARCHAR(128),
  address     VARCHAR(64),
  outcome     VARCHAR(16)              NOT NULL,
  detail      VARCHAR(512)
);
CREATE INDEX ix_audit_entry_occurred_at ON audit_entry (occurred_at);
CREATE INDEX ix_audit_entry_actor_occurred_at ON audit_entry (actor, occurred_at);

-- failed logins in a row, and until when the account refuses logins after too many
ALTER TABLE staff_user ADD COLUMN failed_logins INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE staff_user ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE staff_user ADD COLUMN last_login_at TIMESTAMP WITH TIME ZONE;
