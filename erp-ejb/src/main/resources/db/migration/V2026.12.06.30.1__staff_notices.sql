-- Staff notices (#17): WeCom group-robot alerts and Feieyun ticket prints, an outbox of their own.
-- A row is written in the transaction of the change it tells of (a paid order, a refund waiting for
-- approval, a failed refund, a reconciliation with discrepancies) or of a member of staff's reprint;
-- the notice relay sends the PENDING ones when due (next_attempt_at) and records the answer.
-- Portable SQL: H2 2.2 and PostgreSQL 14+.
CREATE SEQUENCE staff_notice_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE staff_notice (
  id              BIGINT                   NOT NULL PRIMARY KEY,
  channel         VARCHAR(16)              NOT NULL,
  topic           VARCHAR(32)              NOT NULL,
  subject         VARCHAR(64)              NOT NULL,
  order_no        VARCHAR(32),
  requested_by    VARCHAR(64)              NOT NULL,
  content         VARCHAR(8000)            NOT NULL,
  status          VARCHAR(16)              NOT NULL,
  attempts        INTEGER                  NOT NULL,
  next_attempt_at TIMESTAMP WITH TIME ZONE,
  last_answer     VARCHAR(256),
  external_id     VARCHAR(64),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at         TIMESTAMP WITH TIME ZONE,
  version         BIGINT                   NOT NULL
);
-- the relay's work list, and an order's print history
CREATE INDEX ix_staff_notice_due ON staff_notice (status, next_attempt_at);
CREATE INDEX ix_staff_notice_order ON staff_notice (order_no, channel);

INSERT INTO job_lease (name) VALUES ('staff-notices');
