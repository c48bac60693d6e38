-- Every refund belongs to its order's merchant (issue 18), so that staff limited to some merchants see and act on
-- those merchants' refunds only (a filter in the query, not in the page). Fixed when the refund is requested; filled
-- here from the orders that have a merchant already. A refund left without one (its order had none) is shown only
-- to staff not limited to some merchants.
ALTER TABLE refund ADD COLUMN mch_id VARCHAR(32);
UPDATE refund SET mch_id = (SELECT o.mch_id FROM orders o WHERE o.order_no = refund.order_no);
CREATE INDEX ix_refund_mch_id_requested_at ON refund (mch_id, requested_at);
