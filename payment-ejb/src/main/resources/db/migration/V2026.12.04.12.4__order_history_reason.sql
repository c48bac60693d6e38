-- One history shape (#12): an order's history keeps reasons as long as a refund's (512 characters,
-- StatusHistory.MAX_REASON; the entity cuts longer ones). Widening a VARCHAR keeps every row.
-- Portable SQL: H2 2.2 and PostgreSQL 14+.

ALTER TABLE order_history ALTER COLUMN reason SET DATA TYPE VARCHAR(512);
