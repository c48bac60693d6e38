-- A refund WeChat could not pay to the buyer's bank card (CHANGE) that finance paid another way:
-- SETTLED_OFFLINE, with how, the reference, a note, who and when (issue 17). Portable SQL.
ALTER TABLE refund ADD COLUMN offline_method VARCHAR(16);
ALTER TABLE refund ADD COLUMN offline_reference VARCHAR(64);
ALTER TABLE refund ADD COLUMN offline_note VARCHAR(256);
ALTER TABLE refund ADD COLUMN offline_by VARCHAR(64);
ALTER TABLE refund ADD COLUMN offline_at TIMESTAMP WITH TIME ZONE;
-- the refund export pages newest first on (requested_at, out_refund_no)
CREATE INDEX ix_refund_requested_at_no ON refund (requested_at, out_refund_no);
