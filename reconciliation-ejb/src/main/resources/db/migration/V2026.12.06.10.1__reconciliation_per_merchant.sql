-- Reconciliation per merchant (issue 18): one bill per merchant per day. A day, its discrepancies and its
-- staged bill lines are keyed by (mch_id, bill_date); the ledger's entries carry their order's merchant, so
-- a merchant's bill is matched against that merchant's entries only.
-- Rows written before this version belong to the first merchant, whose mch_id only configuration knows
-- (paydesk.wechat.mch-id): they get '' here (the ledger NULL), and reconciliation's scheduler gives them
-- the first merchant's mch_id at its first pass (io.paydesk.reconciliation.control.ReconciliationStore#adopt).
-- Portable SQL: runs on H2 2.2 and PostgreSQL 14+ (a new table replaces recon_day and recon_bill_line,
-- since the two databases name and drop primary keys differently).

CREATE TABLE recon_merchant_day (
  mch_id                VARCHAR(32)              NOT NULL,
  bill_date             DATE                     NOT NULL,
  status                VARCHAR(16)              NOT NULL,
  run_no                INTEGER                  NOT NULL,
  requested_by          VARCHAR(64)              NOT NULL,
  requested_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  node                  VARCHAR(64),
  started_at            TIMESTAMP WITH TIME ZONE,
  finished_at           TIMESTAMP WITH TIME ZONE,
  next_try_at           TIMESTAMP WITH TIME ZONE,
  tries                 INTEGER                  NOT NULL,
  last_outcome          VARCHAR(256),
  lines_done            BIGINT                   NOT NULL,
  resumed_from          BIGINT,
  bill_empty            BOOLEAN                  NOT NULL,
  wechat_payment_count  BIGINT                   NOT NULL,
  wechat_payment_fen    BIGINT                   NOT NULL,
  wechat_refund_count   BIGINT                   NOT NULL,
  wechat_refund_fen     BIGINT                   NOT NULL,
  wechat_fee_milli_fen  BIGINT                   NOT NULL,
  paydesk_payment_count BIGINT                   NOT NULL,
  paydesk_payment_fen   BIGINT                   NOT NULL,
  paydesk_refund_count  BIGINT                   NOT NULL,
  paydesk_refund_fen    BIGINT                   NOT NULL,
  summary_count         BIGINT,
  summary_payment_fen   BIGINT,
  summary_refund_fen    BIGINT,
  summary_fee_milli_fen BIGINT,
  discrepancy_count     BIGINT                   NOT NULL,
  version               BIGINT                   NOT NULL,
  PRIMARY KEY (mch_id, bill_date)
);
INSERT INTO recon_merchant_day
  SELECT '', bill_date, status, run_no, requested_by, requested_at, node, started_at, finished_at,
         next_try_at, tries, last_outcome, lines_done, resumed_from, bill_empty, wechat_payment_count,
         wechat_payment_fen, wechat_refund_count, wechat_refund_fen, wechat_fee_milli_fen,
         paydesk_payment_count, paydesk_payment_fen, paydesk_refund_count, paydesk_refund_fen,
         summary_count, summary_payment_fen, summary_refund_fen, summary_fee_milli_fen,
         discrepancy_count, version
  FROM recon_day;
DROP TABLE recon_day;
ALTER TABLE recon_merchant_day RENAME TO recon_day;
CREATE INDEX ix_recon_day_due ON recon_day (status, next_try_at);

CREATE TABLE recon_merchant_bill_line (
  mch_id          VARCHAR(32) NOT NULL,
  bill_date       DATE        NOT NULL,
  run_no          INTEGER     NOT NULL,
  line_no         BIGINT      NOT NULL,
  refund          BOOLEAN     NOT NULL,
  out_trade_no    VARCHAR(32),
  transaction_id  VARCHAR(32),
  out_refund_no   VARCHAR(32),
  refund_id       VARCHAR(64),
  amount_fen      BIGINT      NOT NULL,
  state           VARCHAR(16) NOT NULL,
  expect_status   VARCHAR(32),
  paydesk_status  VARCHAR(32),
  paydesk_fen     BIGINT,
  paydesk_ref     VARCHAR(64),
  PRIMARY KEY (mch_id, bill_date, run_no, line_no)
);
INSERT INTO recon_merchant_bill_line
  SELECT '', bill_date, run_no, line_no, refund, out_trade_no, transaction_id, out_refund_no, refund_id,
         amount_fen, state, expect_status, paydesk_status, paydesk_fen, paydesk_ref
  FROM recon_bill_line;
DROP TABLE recon_bill_line;
ALTER TABLE recon_merchant_bill_line RENAME TO recon_bill_line;

ALTER TABLE recon_discrepancy ADD COLUMN mch_id VARCHAR(32) DEFAULT '' NOT NULL;
DROP INDEX ix_recon_discrepancy_run;
CREATE INDEX ix_recon_discrepancy_run ON recon_discrepancy (mch_id, bill_date, run_no, type);

-- the ledger: each entry's merchant, from its order where the order has one already
ALTER TABLE recon_ledger_payment ADD COLUMN mch_id VARCHAR(32);
ALTER TABLE recon_ledger_refund ADD COLUMN mch_id VARCHAR(32);
UPDATE recon_ledger_payment SET mch_id =
  (SELECT o.mch_id FROM orders o WHERE o.order_no = recon_ledger_payment.order_no);
UPDATE recon_ledger_refund SET mch_id =
  (SELECT o.mch_id FROM orders o WHERE o.order_no = recon_ledger_refund.order_no);
CREATE INDEX ix_recon_ledger_payment_mch_paid_at ON recon_ledger_payment (mch_id, paid_at);
CREATE INDEX ix_recon_ledger_refund_mch_refunded_at ON recon_ledger_refund (mch_id, refunded_at);
