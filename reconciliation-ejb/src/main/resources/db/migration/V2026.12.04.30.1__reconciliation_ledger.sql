-- Reconciliation owns its data (reconciliation-ejb): a ledger of PayDesk's money movements, kept by
-- observing the payment and refund events inside their transactions, and a staging table the day's
-- bill is loaded into, so that matching a bill is a join between tables reconciliation owns.
-- Portable SQL: runs on H2 2.2 and PostgreSQL 14+.

-- Every paid payment attempt (OrderPaid), by its out_trade_no; amounts in fen.
CREATE TABLE recon_ledger_payment (
  out_trade_no   VARCHAR(32)              NOT NULL PRIMARY KEY,
  order_no       VARCHAR(32)              NOT NULL,
  transaction_id VARCHAR(32),
  amount_fen     BIGINT                   NOT NULL,
  paid_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_recon_ledger_payment_paid_at ON recon_ledger_payment (paid_at);
CREATE INDEX ix_recon_ledger_payment_order ON recon_ledger_payment (order_no);

-- Every refund WeChat settled (RefundSucceeded: REFUNDED, RefundFailed: FAILED), by its
-- out_refund_no; refunded_at only for REFUNDED.
CREATE TABLE recon_ledger_refund (
  out_refund_no VARCHAR(32)              NOT NULL PRIMARY KEY,
  order_no      VARCHAR(32)              NOT NULL,
  out_trade_no  VARCHAR(32),
  refund_id     VARCHAR(64),
  amount_fen    BIGINT                   NOT NULL,
  status        VARCHAR(16)              NOT NULL,
  refunded_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_recon_ledger_refund_refunded_at ON recon_ledger_refund (refunded_at);

-- The bill of a run, a line per row, with the ledger's side of each line looked up as the line is
-- loaded (paydesk_* null: the ledger does not have it). Deleted once the run completes.
CREATE TABLE recon_bill_line (
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
  PRIMARY KEY (bill_date, run_no, line_no)
);

-- the staging table replaces the references a run had seen
DROP TABLE recon_seen;

-- Backfill, once: what PayDesk recorded before the ledger existed.
INSERT INTO recon_ledger_payment (out_trade_no, order_no, transaction_id, amount_fen, paid_at)
  SELECT a.out_trade_no, o.order_no, a.transaction_id, a.amount_fen, COALESCE(a.paid_at, a.created_at)
  FROM payment_attempt a JOIN orders o ON o.id = a.order_id
  WHERE a.status = 'PAID';
INSERT INTO recon_ledger_refund (out_refund_no, order_no, out_trade_no, refund_id, amount_fen, status,
                                 refunded_at)
  SELECT r.out_refund_no, r.order_no, r.out_trade_no, r.wechat_refund_id, r.amount_fen, r.status,
         CASE WHEN r.status = 'REFUNDED' THEN r.refunded_at END
  FROM refund r
  WHERE r.status IN ('REFUNDED', 'FAILED');
