package io.paydesk.reconciliation.control;

import io.paydesk.gateway.boundary.BillEntry;
import io.paydesk.reconciliation.entity.DiscrepancyType;
import io.paydesk.refund.entity.RefundStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bill matching as a set, in plain JDBC on the caller's connection (and so in its transaction).
 * {@link #load} inserts a chunk of bill lines into {@code recon_bill_line} with batched multi-row
 * statements, looking up each line's side in the ledger as it goes (one join per line); {@link
 * #match} then writes the chunk's discrepancies with one {@code INSERT … SELECT} per type and sums
 * PayDesk's figures, both over the chunk's range of staged lines, and answers the lines the ledger
 * does not know (decided one by one, see {@link LineMatcher}). {@link #payDeskOnly} finds what the
 * ledger has for the day and the bill lacks. Statements are portable (H2 2.2, PostgreSQL 14+).
 */
public final class ChunkMatch {

  /** Bill lines per insert statement (11 parameters each, well under PostgreSQL's 32,767). */
  static final int ROWS_PER_STATEMENT = 500;

  private static final String PAID = BillEntry.State.PAID.name();
  private static final String REFUNDED = RefundStatus.REFUNDED.name();
  private static final Map<Integer, String> LOAD_SQL = new ConcurrentHashMap<>();

  private static final String IN_CHUNK =
      " FROM recon_bill_line l WHERE l.mch_id = ? AND l.bill_date = ? AND l.run_no = ?"
          + " AND l.line_no >= ?"
          + " AND l.line_no < ?";
  private static final String INSERT_DISCREPANCY =
      "INSERT INTO recon_discrepancy (bill_date, run_no, type, out_trade_no, out_refund_no,"
          + " transaction_id, refund_id, wechat_fen, paydesk_fen, wechat_status, paydesk_status,"
          + " detail, found_at, version, mch_id) ";
  private static final String PAYMENT_COLUMNS =
      "SELECT l.bill_date, l.run_no, '%s', l.out_trade_no, NULL, l.transaction_id, NULL,"
          + " l.amount_fen, l.paydesk_fen, l.state, l.paydesk_status, %s,"
          + " CAST(? AS TIMESTAMP WITH TIME ZONE), 0, l.mch_id";
  private static final String REFUND_COLUMNS =
      "SELECT l.bill_date, l.run_no, '"
          + DiscrepancyType.REFUND_MISMATCH.name()
          + "', l.out_trade_no, l.out_refund_no, l.transaction_id, l.refund_id, l.amount_fen,"
          + " l.paydesk_fen, l.state, l.paydesk_status, %s, CAST(? AS TIMESTAMP WITH TIME ZONE), 0,"
          + " l.mch_id";
  private static final String AMOUNTS =
      "'WeChat ' || CAST(l.amount_fen AS VARCHAR(20)) || ' fen, PayDesk '"
          + " || CAST(l.paydesk_fen AS VARCHAR(20)) || ' fen'";

  private ChunkMatch() {}

  /** The figures a chunk adds for PayDesk, and the lines the ledger does not know. */
  public record Outcome(
      long payments,
      long paymentFen,
      long refunds,
      long refundFen,
      long discrepancies,
      List<BillEntry> unknownToLedger) {}

  /** What the ledger has for a day and the bill lacks: counts and sums in fen. */
  public record PayDeskOnly(long payments, long paymentFen, long refunds, long refundFen) {}

  /** Loads {@code lines} as the run's lines {@code firstLine}, {@code firstLine + 1}, ... */
  public static void load(
      Connection c, ReconciliationStore.Run run, long firstLine, List<BillEntry> lines)
      throws SQLException {
    for (int from = 0; from < lines.size(); from += ROWS_PER_STATEMENT) {
      List<BillEntry> part = lines.subList(from, Math.min(lines.size(), from + ROWS_PER_STATEMENT));
      try (PreparedStatement insert =
          c.prepareStatement(LOAD_SQL.computeIfAbsent(part.size(), ChunkMatch::loadSql))) {
        int p = 1;
        insert.setString(p++, run.mchId());
        insert.setObject(p++, run.billDate());
        insert.setInt(p++, run.runNo());
        long lineNo = firstLine + from;
        for (BillEntry line : part) {
          RefundStatus expected = line.refund() ? LineMatcher.expectedStatus(line.state()) : null;
          insert.setLong(p++, lineNo++);
          insert.setBoolean(p++, line.refund());
          text(insert, p++, clip(line.outTradeNo(), 32));
          text(insert, p++, clip(line.transactionId(), 32));
          text(insert, p++, clip(line.outRefundNo(), 32));
          text(insert, p++, clip(line.refundId(), 64));
          insert.setLong(p++, line.amountFen());
          insert.setString(p++, line.state().name());
          text(insert, p++, expected == null ? null : expected.name());
        }
        // the ledger's entries of this merchant only
        insert.setString(p++, run.mchId());
        insert.setString(p, run.mchId());
        insert.executeUpdate();
      }
    }
  }

  /** Matches the run's staged lines {@code [from, to)} against the ledger. */
  public static Outcome match(
      Connection c, ReconciliationStore.Run run, long from, long to, Instant now)
      throws SQLException {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    String matched = IN_CHUNK + " AND l.paydesk_status IS NOT NULL";
    long found = 0;
    found +=
        update(
            c,
            INSERT_DISCREPANCY
                + PAYMENT_COLUMNS.formatted(
                    DiscrepancyType.STATUS_MISMATCH.name(),
                    "CASE WHEN l.state <> '"
                        + PAID
                        + "' THEN 'WeChat has it ' || l.state || ', PayDesk PAID'"
                        + " ELSE 'WeChat''s transaction_id differs from PayDesk''s ' || l.paydesk_ref"
                        + " END")
                + matched
                + " AND l.refund = FALSE AND (l.state <> '"
                + PAID
                + "' OR (l.paydesk_ref IS NOT NULL AND (l.transaction_id IS NULL"
                + " OR l.transaction_id <> l.paydesk_ref)))",
            1,
            at,
            run,
            from,
            to);
    found +=
        update(
            c,
            INSERT_DISCREPANCY
                + PAYMENT_COLUMNS.formatted(DiscrepancyType.AMOUNT_MISMATCH.name(), AMOUNTS)
                + matched
                + " AND l.refund = FALSE AND l.amount_fen <> l.paydesk_fen",
            1,
            at,
            run,
            from,
            to);
    String refunds = matched + " AND l.refund = TRUE";
    found +=
        update(
            c,
            INSERT_DISCREPANCY
                + REFUND_COLUMNS.formatted(
                    "'WeChat ' || l.state || ', PayDesk ' || l.paydesk_status")
                + refunds
                + " AND l.expect_status IS NOT NULL AND l.expect_status <> l.paydesk_status"
                + " UNION ALL "
                + REFUND_COLUMNS.formatted(AMOUNTS)
                + refunds
                + " AND l.amount_fen <> l.paydesk_fen"
                + " UNION ALL "
                + REFUND_COLUMNS.formatted(
                    "'WeChat''s refund_id differs from PayDesk''s ' || l.paydesk_ref")
                + refunds
                + " AND l.paydesk_ref IS NOT NULL AND (l.refund_id IS NULL"
                + " OR l.refund_id <> l.paydesk_ref)",
            3,
            at,
            run,
            from,
            to);
    long[] figures = new long[4];
    try (PreparedStatement sums =
        c.prepareStatement(
            "SELECT SUM(CASE WHEN l.refund = FALSE AND l.paydesk_status = '"
                + PAID
                + "' THEN 1 ELSE 0 END), SUM(CASE WHEN l.refund = FALSE AND l.paydesk_status = '"
                + PAID
                + "' THEN l.paydesk_fen ELSE 0 END), SUM(CASE WHEN l.refund = TRUE AND"
                + " l.paydesk_status = '"
                + REFUNDED
                + "' THEN 1 ELSE 0 END), SUM(CASE WHEN l.refund = TRUE AND l.paydesk_status = '"
                + REFUNDED
                + "' THEN l.paydesk_fen ELSE 0 END)"
                + IN_CHUNK)) {
      chunk(sums, 1, run, from, to);
      try (ResultSet row = sums.executeQuery()) {
        row.next();
        for (int i = 0; i < 4; i++) {
          figures[i] = row.getLong(i + 1);
        }
      }
    }
    List<BillEntry> unknown = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT l.refund, l.out_trade_no, l.transaction_id, l.out_refund_no, l.refund_id,"
                + " l.amount_fen, l.state"
                + IN_CHUNK
                + " AND l.paydesk_status IS NULL ORDER BY l.line_no")) {
      chunk(select, 1, run, from, to);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          unknown.add(
              new BillEntry(
                  rows.getBoolean(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getLong(6),
                  BillEntry.State.valueOf(rows.getString(7)),
                  0));
        }
      }
    }
    return new Outcome(figures[0], figures[1], figures[2], figures[3], found, unknown);
  }

  /** Writes findings made one by one (lines the ledger does not know, the summary's). */
  public static void insert(
      Connection c, ReconciliationStore.Run run, List<Finding> findings, Instant now)
      throws SQLException {
    if (findings.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            INSERT_DISCREPANCY + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
      for (Finding f : findings) {
        insert.setObject(1, run.billDate());
        insert.setInt(2, run.runNo());
        insert.setString(3, f.type().name());
        text(insert, 4, clip(f.outTradeNo(), 32));
        text(insert, 5, clip(f.outRefundNo(), 32));
        text(insert, 6, clip(f.transactionId(), 32));
        text(insert, 7, clip(f.refundId(), 64));
        number(insert, 8, f.wechatFen());
        number(insert, 9, f.paydeskFen());
        text(insert, 10, clip(f.wechatStatus(), 32));
        text(insert, 11, clip(f.paydeskStatus(), 32));
        insert.setString(12, clip(f.detail(), 256));
        insert.setObject(13, now.atOffset(ZoneOffset.UTC));
        insert.setString(14, run.mchId());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Payments the ledger has as paid in {@code [dayFrom, dayTo)} and refunds it has as refunded
   * then, that the run's bill does not list: written as discrepancies, answered as figures.
   */
  public static PayDeskOnly payDeskOnly(
      Connection c, ReconciliationStore.Run run, Instant dayFrom, Instant dayTo, Instant now)
      throws SQLException {
    String payments =
        " FROM recon_ledger_payment p WHERE p.mch_id = ? AND p.paid_at >= ? AND p.paid_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM recon_bill_line l WHERE l.mch_id = p.mch_id"
            + " AND l.bill_date = ? AND l.run_no = ?"
            + " AND l.refund = FALSE AND l.out_trade_no = p.out_trade_no)";
    String refunds =
        " FROM recon_ledger_refund r WHERE r.status = '"
            + REFUNDED
            + "' AND r.mch_id = ? AND r.refunded_at >= ? AND r.refunded_at < ? AND NOT EXISTS"
            + " (SELECT 1 FROM recon_bill_line l WHERE l.mch_id = r.mch_id AND l.bill_date = ?"
            + " AND l.run_no = ?"
            + " AND l.refund = TRUE AND l.out_refund_no = r.out_refund_no)";
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    long[] paid = sums(c, "SELECT COUNT(*), SUM(p.amount_fen)" + payments, run, dayFrom, dayTo);
    long[] refunded = sums(c, "SELECT COUNT(*), SUM(r.amount_fen)" + refunds, run, dayFrom, dayTo);
    insertOnly(
        c,
        "SELECT CAST(? AS DATE), CAST(? AS INTEGER), '"
            + DiscrepancyType.PAYDESK_ONLY.name()
            + "', p.out_trade_no, NULL, p.transaction_id, NULL, NULL, p.amount_fen, NULL, '"
            + PAID
            + "', 'paid in PayDesk that day, not in WeChat''s bill',"
            + " CAST(? AS TIMESTAMP WITH TIME ZONE), 0, p.mch_id"
            + payments,
        run,
        dayFrom,
        dayTo,
        at);
    insertOnly(
        c,
        "SELECT CAST(? AS DATE), CAST(? AS INTEGER), '"
            + DiscrepancyType.REFUND_MISSING.name()
            + "', r.out_trade_no, r.out_refund_no, NULL, r.refund_id, NULL, r.amount_fen, NULL, '"
            + REFUNDED
            + "', 'refunded in PayDesk that day, not in WeChat''s bill',"
            + " CAST(? AS TIMESTAMP WITH TIME ZONE), 0, r.mch_id"
            + refunds,
        run,
        dayFrom,
        dayTo,
        at);
    return new PayDeskOnly(paid[0], paid[1], refunded[0], refunded[1]);
  }

  /**
   * Gives what was reconciled before PayDesk knew several merchants (days, discrepancies and staged
   * lines with mch_id '', ledger entries without one) to the first merchant; answers the rows
   * changed. Idempotent: a second call finds nothing.
   */
  public static int adopt(Connection c, String firstMchId) throws SQLException {
    int changed = 0;
    for (String sql :
        List.of(
            "UPDATE recon_day SET mch_id = ? WHERE mch_id = ''",
            "UPDATE recon_discrepancy SET mch_id = ? WHERE mch_id = ''",
            "UPDATE recon_bill_line SET mch_id = ? WHERE mch_id = ''",
            "UPDATE recon_ledger_payment SET mch_id = ? WHERE mch_id IS NULL",
            "UPDATE recon_ledger_refund SET mch_id = ? WHERE mch_id IS NULL")) {
      try (PreparedStatement update = c.prepareStatement(sql)) {
        update.setString(1, firstMchId);
        changed += update.executeUpdate();
      }
    }
    return changed;
  }

  /** Deletes the staged lines of every run of the merchant's date. */
  public static int clear(Connection c, String mchId, java.time.LocalDate billDate)
      throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM recon_bill_line WHERE mch_id = ? AND bill_date = ?")) {
      delete.setString(1, mchId);
      delete.setObject(2, billDate);
      return delete.executeUpdate();
    }
  }

  static String revokedDetail(BillEntry.State state) {
    return "WeChat has it " + state + ", PayDesk PAID";
  }

  // ------------------------------------------------------------------ helpers

  private static String loadSql(int rows) {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO recon_bill_line (mch_id, bill_date, run_no, line_no, refund,"
                + " out_trade_no, transaction_id, out_refund_no, refund_id, amount_fen, state,"
                + " expect_status, paydesk_status, paydesk_fen, paydesk_ref)"
                + " SELECT CAST(? AS VARCHAR(32)), CAST(? AS DATE), CAST(? AS INTEGER), v.line_no,"
                + " v.refund,"
                + " v.out_trade_no, v.transaction_id, v.out_refund_no, v.refund_id, v.amount_fen,"
                + " v.state, v.expect_status,"
                + " CASE WHEN p.out_trade_no IS NOT NULL THEN '"
                + PAID
                + "' ELSE r.status END, COALESCE(p.amount_fen, r.amount_fen),"
                + " COALESCE(p.transaction_id, r.refund_id) FROM (VALUES ");
    String row =
        "(CAST(? AS BIGINT), CAST(? AS BOOLEAN), CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(32)),"
            + " CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(64)), CAST(? AS BIGINT),"
            + " CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(32)))";
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(row);
    }
    return sql.append(
            ") AS v (line_no, refund, out_trade_no, transaction_id, out_refund_no, refund_id,"
                + " amount_fen, state, expect_status)"
                + " LEFT JOIN recon_ledger_payment p ON v.refund = FALSE"
                + " AND p.out_trade_no = v.out_trade_no AND p.mch_id = CAST(? AS VARCHAR(32))"
                + " LEFT JOIN recon_ledger_refund r ON v.refund = TRUE"
                + " AND r.out_refund_no = v.out_refund_no AND r.mch_id = CAST(? AS VARCHAR(32))")
        .toString();
  }

  /** Runs an INSERT … SELECT whose select repeats the chunk's condition {@code times}. */
  private static long update(
      Connection c,
      String sql,
      int times,
      OffsetDateTime at,
      ReconciliationStore.Run run,
      long from,
      long to)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      int p = 1;
      for (int i = 0; i < times; i++) {
        statement.setObject(p++, at);
        p = chunk(statement, p, run, from, to);
      }
      return statement.executeUpdate();
    }
  }

  private static int chunk(
      PreparedStatement statement, int p, ReconciliationStore.Run run, long from, long to)
      throws SQLException {
    statement.setString(p++, run.mchId());
    statement.setObject(p++, run.billDate());
    statement.setInt(p++, run.runNo());
    statement.setLong(p++, from);
    statement.setLong(p++, to);
    return p;
  }

  private static long[] sums(
      Connection c, String sql, ReconciliationStore.Run run, Instant dayFrom, Instant dayTo)
      throws SQLException {
    try (PreparedStatement select = c.prepareStatement(sql)) {
      day(select, 1, run, dayFrom, dayTo);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return new long[] {row.getLong(1), row.getLong(2)};
      }
    }
  }

  private static void insertOnly(
      Connection c,
      String select,
      ReconciliationStore.Run run,
      Instant dayFrom,
      Instant dayTo,
      OffsetDateTime at)
      throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT_DISCREPANCY + select)) {
      insert.setObject(1, run.billDate());
      insert.setInt(2, run.runNo());
      insert.setObject(3, at);
      day(insert, 4, run, dayFrom, dayTo);
      insert.executeUpdate();
    }
  }

  /**
   * The merchant, the day's bounds, then the run: the order of the parameters in the ledger
   * queries.
   */
  private static void day(
      PreparedStatement statement, int p, ReconciliationStore.Run run, Instant from, Instant to)
      throws SQLException {
    statement.setString(p, run.mchId());
    statement.setObject(p + 1, from.atOffset(ZoneOffset.UTC));
    statement.setObject(p + 2, to.atOffset(ZoneOffset.UTC));
    statement.setObject(p + 3, run.billDate());
    statement.setInt(p + 4, run.runNo());
  }

  private static void text(PreparedStatement statement, int p, String value) throws SQLException {
    if (value == null) {
      statement.setNull(p, Types.VARCHAR);
    } else {
      statement.setString(p, value);
    }
  }

  private static void number(PreparedStatement statement, int p, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(p, Types.BIGINT);
    } else {
      statement.setLong(p, value);
    }
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
