-- Payment attempts (payment-ejb): one WeChat out_trade_no each; an order has one or more.

CREATE SEQUENCE payment_attempt_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE payment_attempt (
  id                BIGINT                   NOT NULL PRIMARY KEY,
  order_id          BIGINT                   NOT NULL REFERENCES orders (id),
  out_trade_no      VARCHAR(32)              NOT NULL,
  status            VARCHAR(16)              NOT NULL,
  amount_fen        BIGINT                   NOT NULL,
  client_ip         VARCHAR(45)              NOT NULL,
  prepay_id         VARCHAR(64),
  prepay_expires_at TIMESTAMP WITH TIME ZONE,
  transaction_id    VARCHAR(32),
  paid_at           TIMESTAMP WITH TIME ZONE,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  next_check_at     TIMESTAMP WITH TIME ZONE,
  checks            INTEGER                  NOT NULL,
  last_outcome      VARCHAR(128),
  version           BIGINT                   NOT NULL,
  CONSTRAINT uq_payment_attempt_out_trade_no UNIQUE (out_trade_no),
  CONSTRAINT uq_payment_attempt_transaction_id UNIQUE (transaction_id)
);
CREATE INDEX ix_payment_attempt_order ON payment_attempt (order_id);
-- the janitor's work list: attempts still waiting, by when they are next due
CREATE INDEX ix_payment_attempt_due ON payment_attempt (status, next_check_at);

ALTER TABLE orders ADD COLUMN paid_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN carrier VARCHAR(64);
ALTER TABLE orders ADD COLUMN tracking_no VARCHAR(64);
ALTER TABLE orders ADD COLUMN shipped_at TIMESTAMP WITH TIME ZONE;
-- the janitor finds unpaid orders past their expiry
CREATE INDEX ix_orders_status_expires_at ON orders (status, expires_at);

INSERT INTO job_lease (name) VALUES ('payment-janitor');
