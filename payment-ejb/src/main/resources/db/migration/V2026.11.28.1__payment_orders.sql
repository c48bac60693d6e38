-- Orders and their history (payment-ejb). Portable SQL: runs on H2 2.2 and PostgreSQL 14+.

CREATE SEQUENCE orders_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE orders (
  id          BIGINT                   NOT NULL PRIMARY KEY,
  order_no    VARCHAR(32)              NOT NULL,
  openid      VARCHAR(128)             NOT NULL,
  amount_fen  BIGINT                   NOT NULL,
  description VARCHAR(128)             NOT NULL,
  status      VARCHAR(16)              NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  version     BIGINT                   NOT NULL,
  CONSTRAINT uq_orders_order_no UNIQUE (order_no),
  CONSTRAINT ck_orders_amount CHECK (amount_fen > 0)
);
CREATE INDEX ix_orders_created_at ON orders (created_at);
CREATE INDEX ix_orders_status_created_at ON orders (status, created_at);
CREATE INDEX ix_orders_openid ON orders (openid);

CREATE SEQUENCE order_history_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE order_history (
  id          BIGINT                   NOT NULL PRIMARY KEY,
  order_id    BIGINT                   NOT NULL REFERENCES orders (id),
  from_status VARCHAR(16),
  to_status   VARCHAR(16)              NOT NULL,
  actor       VARCHAR(64)              NOT NULL,
  reason      VARCHAR(256),
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_order_history_order ON order_history (order_id);

-- Leases that keep background passes (outbox relay, janitors) on one node at a time.
CREATE TABLE job_lease (
  name       VARCHAR(64)              NOT NULL PRIMARY KEY,
  owner      VARCHAR(64),
  expires_at TIMESTAMP WITH TIME ZONE
);
