-- The order list filtered by an exact amount ("the buyer paid 123.45"): without this index a rare
-- amount is looked for along the whole date order (bench/orders.sh: p50 131 ms with 1,000,000
-- orders). Amount ranges still go along the date order, where a page fills quickly.
CREATE INDEX ix_orders_amount_list ON orders (amount_fen, created_at DESC, id DESC);
