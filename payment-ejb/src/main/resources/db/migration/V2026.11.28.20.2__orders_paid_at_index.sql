-- The dashboard counts payments per Beijing day: a range on paid_at.
CREATE INDEX ix_orders_paid_at ON orders (paid_at);
