-- Refunds and their history (refund-ejb). Portable SQL: runs on H2 2.2 and PostgreSQL 14+.
-- A refund names its order by order_no and out_trade_no: no foreign key across modules.

CREATE SEQUENCE refund_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE refund (
  id                 BIGINT                   NOT NULL PRIMARY KEY,
  out_refund_no      VARCHAR(32)              NOT NULL,
  order_no           VARCHAR(32)              NOT NULL,
  out_trade_no       VARCHAR(32)              NOT NULL,
  request_id         VARCHAR(64)              NOT NULL,
  amount_fen         BIGINT                   NOT NULL,
  total_fee_fen      BIGINT                   NOT NULL,
  reason             VARCHAR(256)             NOT NULL,
  status             VARCHAR(32)              NOT NULL,
  approvals_required INTEGER                  NOT NULL,
  requested_by       VARCHAR(64)              NOT NULL,
  requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  first_approver     VARCHAR(64),
  approved_by        VARCHAR(64),
  wechat_refund_id   VARCHAR(64),
  refund_account     VARCHAR(32),
  submissions        INTEGER                  NOT NULL,
  checks             INTEGER                  NOT NULL,
  next_attempt_at    TIMESTAMP WITH TIME ZONE,
  last_outcome       VARCHAR(256),
  refunded_at        TIMESTAMP WITH TIME ZONE,
  version            BIGINT                   NOT NULL,
  CONSTRAINT uq_refund_out_refund_no UNIQUE (out_refund_no),
  CONSTRAINT uq_refund_request_id UNIQUE (order_no, request_id),
  CONSTRAINT uq_refund_wechat_refund_id UNIQUE (wechat_refund_id),
  CONSTRAINT ck_refund_amount CHECK (amount_fen > 0 AND amount_fen <= total_fee_fen),
  CONSTRAINT ck_refund_approvals CHECK (approvals_required BETWEEN 1 AND 2)
);
-- the janitor's work list: refunds to submit or to ask about, by when they are next due
CREATE INDEX ix_refund_due ON refund (status, next_attempt_at);
CREATE INDEX ix_refund_requested_at ON refund (requested_at);

CREATE SEQUENCE refund_history_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE refund_history (
  id          BIGINT                   NOT NULL PRIMARY KEY,
  refund_id   BIGINT                   NOT NULL REFERENCES refund (id),
  from_status VARCHAR(32),
  to_status   VARCHAR(32)              NOT NULL,
  actor       VARCHAR(64)              NOT NULL,
  reason      VARCHAR(512),
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_refund_history_refund ON refund_history (refund_id);

INSERT INTO job_lease (name) VALUES ('refund-janitor');
