-- The staff order list (OrderListQuery): newest first by (created_at, id), continued after the
-- previous page's last row. Each filter that narrows the list has an index that also gives that
-- order, so a page reads about a page of index entries whatever the table's size. They replace the
-- narrower indexes on created_at, (status, created_at) and openid. Portable: H2 2.2, PostgreSQL 14+.

DROP INDEX ix_orders_created_at;
DROP INDEX ix_orders_status_created_at;
DROP INDEX ix_orders_openid;

CREATE INDEX ix_orders_list ON orders (created_at DESC, id DESC);
CREATE INDEX ix_orders_status_list ON orders (status, created_at DESC, id DESC);
CREATE INDEX ix_orders_openid_list ON orders (openid, created_at DESC, id DESC);
