-- Every order belongs to one merchant (issue 18). Existing orders are the first merchant's: which one that is
-- only configuration knows (paydesk.wechat.mch-id), so the start-up sync (io.paydesk.merchant.boundary.FirstMerchant)
-- fills the column; it stays nullable for an order made while no merchant is configured.
ALTER TABLE orders ADD COLUMN mch_id VARCHAR(32);
CREATE INDEX ix_orders_mch_id_created_at ON orders (mch_id, created_at);
