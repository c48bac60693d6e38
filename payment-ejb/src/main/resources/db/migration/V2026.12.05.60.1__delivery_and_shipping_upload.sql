-- Delivery details on the order (#17), and the outbox of shipping-information uploads to WeChat.
-- Portable SQL: H2 2.2 and PostgreSQL 14+.

ALTER TABLE orders ADD COLUMN delivery_name VARCHAR(32);
ALTER TABLE orders ADD COLUMN delivery_phone VARCHAR(20);
ALTER TABLE orders ADD COLUMN delivery_province VARCHAR(32);
ALTER TABLE orders ADD COLUMN delivery_city VARCHAR(32);
ALTER TABLE orders ADD COLUMN delivery_district VARCHAR(32);
ALTER TABLE orders ADD COLUMN delivery_street VARCHAR(128);
ALTER TABLE orders ADD COLUMN delivery_note VARCHAR(200);

-- One upload per shipped order, written in the shipment's transaction; the uploader sends the
-- PENDING ones when due (next_attempt_at) and records WeChat's answer. The phone is masked here.
CREATE SEQUENCE shipping_upload_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE shipping_upload (
  id               BIGINT                   NOT NULL PRIMARY KEY,
  order_no         VARCHAR(32)              NOT NULL,
  out_trade_no     VARCHAR(32)              NOT NULL,
  transaction_id   VARCHAR(32),
  openid           VARCHAR(128)             NOT NULL,
  method           VARCHAR(16)              NOT NULL,
  express_company  VARCHAR(32),
  tracking_no      VARCHAR(64)              NOT NULL,
  item_desc        VARCHAR(120)             NOT NULL,
  receiver_contact VARCHAR(24),
  shipped_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  status           VARCHAR(16)              NOT NULL,
  attempts         INTEGER                  NOT NULL,
  next_attempt_at  TIMESTAMP WITH TIME ZONE,
  last_error       VARCHAR(256),
  uploaded_at      TIMESTAMP WITH TIME ZONE,
  version          BIGINT                   NOT NULL,
  CONSTRAINT uq_shipping_upload_order_no UNIQUE (order_no)
);
-- the uploader's work list
CREATE INDEX ix_shipping_upload_due ON shipping_upload (status, next_attempt_at);

INSERT INTO job_lease (name) VALUES ('shipping-upload');
