-- Refund bookkeeping on orders (payment-ejb): the statuses PARTIALLY_REFUNDED and REFUNDED need wider
-- columns, and the order keeps the sum of the refunds WeChat confirmed (fen). Portable SQL: H2 2.2 and
-- PostgreSQL 14+.

ALTER TABLE orders ALTER COLUMN status SET DATA TYPE VARCHAR(32);
ALTER TABLE order_history ALTER COLUMN from_status SET DATA TYPE VARCHAR(32);
ALTER TABLE order_history ALTER COLUMN to_status SET DATA TYPE VARCHAR(32);

ALTER TABLE orders ADD COLUMN refunded_fen BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE orders ADD CONSTRAINT ck_orders_refunded CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen);
