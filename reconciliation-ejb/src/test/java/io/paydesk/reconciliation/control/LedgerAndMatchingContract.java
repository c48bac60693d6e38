package io.paydesk.reconciliation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.paydesk.gateway.boundary.BillEntry;
import io.paydesk.gateway.boundary.BillEntry.State;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation's own tables on a real database, without a container: the migration that creates
 * the ledger fills it from the payments and refunds PayDesk recorded before, and a chunk of bill
 * lines is staged and matched against the ledger as a set. Each test gets a fresh schema.
 */
abstract class LedgerAndMatchingContract {

  static final LocalDate DAY = LocalDate.parse("2026-11-27");

  /** 2026-11-27 12:00 in Beijing. */
  static final Instant NOON = Instant.parse("2026-11-27T04:00:00Z");

  /** The first merchant, whose the rows of before several merchants become. */
  static final String MCH_A = "1900000109";

  /** Another merchant, with a bill of its own the same day. */
  static final String MCH_B = "1900000118";

  static final ReconciliationStore.Run RUN = new ReconciliationStore.Run(MCH_A, DAY, 1);

  static final ReconciliationStore.Run RUN_OF_B = new ReconciliationStore.Run(MCH_B, DAY, 1);

  /** A fresh, empty database. */
  abstract DataSource freshDatabase() throws SQLException;

  DataSource db;

  @BeforeEach
  void migratesUpToTheLedgerAndRecordsTheOldWay() throws SQLException {
    db = freshDatabase();
    flyway().target("2026.11.28.30.1").load().migrate();
    try (Connection c = db.getConnection()) {
      order(c, 1, "SO1", 1000, "PAID");
      attempt(c, 1, 1, "PD1", "PAID", 1000, "4200PD1", NOON);
      order(c, 2, "SO2", 500, "PAYING");
      attempt(c, 2, 2, "PD2", "OPEN", 500, null, null);
      order(c, 3, "SO3", 800, "PARTIALLY_REFUNDED");
      attempt(c, 3, 3, "PD3", "PAID", 800, "4200PD3", NOON.minusSeconds(86_400));
      refund(c, 1, "RF1", "SO3", "PD3", 300, "REFUNDED", "5030RF1", NOON);
      refund(c, 2, "RF2", "SO3", "PD3", 100, "FAILED", null, null);
      refund(c, 3, "RF3", "SO3", "PD3", 200, "PROCESSING", "5030RF3", null);
    }
    flyway().target("2026.12.05.70.1").load().migrate();
    try (Connection c = db.getConnection()) {
      // a day reconciled before several merchants, and its staged line
      update(
          c,
          "INSERT INTO recon_day (bill_date, status, run_no, requested_by, requested_at, tries,"
              + " lines_done, bill_empty, wechat_payment_count, wechat_payment_fen,"
              + " wechat_refund_count, wechat_refund_fen, wechat_fee_milli_fen,"
              + " paydesk_payment_count, paydesk_payment_fen, paydesk_refund_count,"
              + " paydesk_refund_fen, discrepancy_count, version)"
              + " VALUES (?, 'RUNNING', 2, 'schedule', ?, 1, 1, FALSE, 1, 7, 0, 0, 0, 0, 0, 0, 0,"
              + " 0, 1)",
          DAY.minusDays(1),
          utc(NOON));
      update(
          c,
          "INSERT INTO recon_bill_line (bill_date, run_no, line_no, refund, amount_fen, state)"
              + " VALUES (?, 2, 0, FALSE, 7, 'PAID')",
          DAY.minusDays(1));
    }
    flyway().load().migrate();
    try (Connection c = db.getConnection()) {
      // what the scheduler does at its first pass
      assertThat(ChunkMatch.adopt(c, MCH_A)).isEqualTo(1 + 1 + 2 + 2); // day, line, ledger
      assertThat(ChunkMatch.adopt(c, MCH_A)).isZero();
    }
  }

  @Test
  void aDayOfBeforeSeveralMerchantsBecomesTheFirstMerchantsWithItsProgress() throws SQLException {
    try (Connection c = db.getConnection()) {
      assertThat(rows(c, "SELECT mch_id, run_no, lines_done, status FROM recon_day"))
          .containsExactly(List.of(MCH_A, 2L, 1L, "RUNNING"));
      assertThat(rows(c, "SELECT mch_id, run_no, line_no FROM recon_bill_line"))
          .containsExactly(List.of(MCH_A, 2L, 0L));
      assertThat(rows(c, "SELECT DISTINCT mch_id FROM recon_ledger_payment"))
          .containsExactly(List.of(MCH_A));
      assertThat(rows(c, "SELECT DISTINCT mch_id FROM recon_ledger_refund"))
          .containsExactly(List.of(MCH_A));
    }
  }

  @Test
  void aMerchantsBillNeverMatchesAnotherMerchantsLedger() throws SQLException {
    // B's bill lists A's payment and refund (as if WeChat mixed them up): the ledger of B has
    // neither, so both are left to be decided as unknown, and none of A's entries counts for B
    List<BillEntry> billOfB =
        List.of(
            payment("PD1", "4200PD1", 1000, State.PAID),
            refund("RF1", "5030RF1", 300, State.REFUNDED));
    ChunkMatch.Outcome outcome;
    ChunkMatch.PayDeskOnly onlyB;
    ChunkMatch.PayDeskOnly onlyA;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      ChunkMatch.load(c, RUN_OF_B, 0, billOfB);
      ChunkMatch.load(c, RUN, 0, List.of(payment("PD1", "4200PD1", 1000, State.PAID)));
      outcome = ChunkMatch.match(c, RUN_OF_B, 0, billOfB.size(), NOON);
      Instant from = Instant.parse("2026-11-26T16:00:00Z");
      onlyB = ChunkMatch.payDeskOnly(c, RUN_OF_B, from, from.plusSeconds(86_400), NOON);
      onlyA = ChunkMatch.payDeskOnly(c, RUN, from, from.plusSeconds(86_400), NOON);
      c.commit();
    }
    assertThat(outcome.payments()).isZero();
    assertThat(outcome.refunds()).isZero();
    assertThat(outcome.unknownToLedger())
        .extracting(BillEntry::outTradeNo, BillEntry::outRefundNo)
        .containsExactly(tuple("PD1", null), tuple("PD3", "RF1"));
    assertThat(onlyB).isEqualTo(new ChunkMatch.PayDeskOnly(0, 0, 0, 0));
    // A's own bill has PD1; A lacks only RF1, whatever B's bill says
    assertThat(onlyA).isEqualTo(new ChunkMatch.PayDeskOnly(0, 0, 1, 300));
    try (Connection c = db.getConnection()) {
      assertThat(rows(c, "SELECT mch_id, type, out_refund_no FROM recon_discrepancy"))
          .containsExactly(List.of(MCH_A, "REFUND_MISSING", "RF1"));
      assertThat(ChunkMatch.clear(c, MCH_B, DAY)).isEqualTo(2);
      assertThat(ChunkMatch.clear(c, MCH_A, DAY)).isEqualTo(1);
    }
  }

  @Test
  void theMigrationFillsTheLedgerFromWhatPayDeskRecordedBefore() throws SQLException {
    try (Connection c = db.getConnection()) {
      assertThat(
              rows(
                  c,
                  "SELECT out_trade_no, order_no, transaction_id, amount_fen"
                      + " FROM recon_ledger_payment ORDER BY out_trade_no"))
          .containsExactly(
              List.of("PD1", "SO1", "4200PD1", 1000L), List.of("PD3", "SO3", "4200PD3", 800L));
      assertThat(
              rows(
                  c,
                  "SELECT out_refund_no, out_trade_no, refund_id, amount_fen, status,"
                      + " CASE WHEN refunded_at IS NULL THEN 'no' ELSE 'yes' END"
                      + " FROM recon_ledger_refund ORDER BY out_refund_no"))
          .containsExactly(
              List.of("RF1", "PD3", "5030RF1", 300L, "REFUNDED", "yes"),
              List.of("RF2", "PD3", "-", 100L, "FAILED", "no"));
    }
  }

  @Test
  void aChunkIsMatchedAgainstTheLedgerAsASet() throws SQLException {
    List<BillEntry> bill =
        List.of(
            payment("PD1", "4200PD1", 1000, State.PAID), // agrees
            payment("PD3", "4200PD3", 801, State.PAID), // amount differs
            payment("PD2", "4200PD2", 500, State.PAID), // not paid in PayDesk: not in the ledger
            refund("RF1", "5030RF1", 300, State.REFUNDED), // agrees
            refund("RF2", "5030RF2", 100, State.REFUNDED), // PayDesk FAILED
            refund("RF9", "5030RF9", 50, State.REFUNDED)); // unknown to the ledger
    ChunkMatch.Outcome outcome;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      ChunkMatch.load(c, RUN, 0, bill.subList(0, 2));
      ChunkMatch.load(c, RUN, 2, bill.subList(2, bill.size()));
      outcome = ChunkMatch.match(c, RUN, 0, bill.size(), NOON);
      c.commit();
    }
    assertThat(outcome.payments()).isEqualTo(2);
    assertThat(outcome.paymentFen()).isEqualTo(1800);
    assertThat(outcome.refunds()).isEqualTo(1);
    assertThat(outcome.refundFen()).isEqualTo(300);
    assertThat(outcome.discrepancies()).isEqualTo(2);
    assertThat(outcome.unknownToLedger())
        .extracting(BillEntry::outTradeNo, BillEntry::outRefundNo, BillEntry::state)
        .containsExactly(tuple("PD2", null, State.PAID), tuple("PD3", "RF9", State.REFUNDED));
    assertThat(discrepancies())
        .containsExactlyInAnyOrder(
            List.of("AMOUNT_MISMATCH", "PD3", "-", 801L, 800L, "WeChat 801 fen, PayDesk 800 fen"),
            List.of(
                "REFUND_MISMATCH", "PD3", "RF2", 100L, 100L, "WeChat REFUNDED, PayDesk FAILED"));
  }

  @Test
  void aRevokedPaymentAndAnotherIdAreStatusMismatchesAsTheLineMatcherSays() throws SQLException {
    BillEntry revoked = payment("PD1", "4200PD1", 1000, State.REVOKED);
    BillEntry otherId = payment("PD3", "4200XX", 800, State.PAID);
    BillEntry otherRefundId = refund("RF1", "5030XX", 300, State.REFUNDED);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      ChunkMatch.load(c, RUN, 0, List.of(revoked, otherId, otherRefundId));
      ChunkMatch.match(c, RUN, 0, 3, NOON);
      c.commit();
    }
    // the same lines decided one by one give the same details
    List<String> oneByOne = new ArrayList<>();
    oneByOne.addAll(
        details(
            LineMatcher.payment(
                revoked,
                new PayDeskRecords.Payment(
                    "PD1", io.paydesk.payment.entity.AttemptStatus.PAID, 1000, "4200PD1"))));
    oneByOne.addAll(
        details(
            LineMatcher.payment(
                otherId,
                new PayDeskRecords.Payment(
                    "PD3", io.paydesk.payment.entity.AttemptStatus.PAID, 800, "4200PD3"))));
    oneByOne.addAll(
        details(
            LineMatcher.refund(
                otherRefundId,
                new PayDeskRecords.Refund(
                    "RF1",
                    "PD3",
                    io.paydesk.refund.entity.RefundStatus.REFUNDED,
                    300,
                    "5030RF1"))));
    assertThat(discrepancies())
        .extracting(row -> (String) row.get(5))
        .containsExactlyInAnyOrderElementsOf(oneByOne);
  }

  @Test
  void whatTheLedgerHasForTheDayAndTheBillLacksIsPayDeskOnly() throws SQLException {
    ChunkMatch.PayDeskOnly only;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      ChunkMatch.load(c, RUN, 0, List.of(payment("PD9", "4200PD9", 10, State.PAID)));
      Instant from = Instant.parse("2026-11-26T16:00:00Z");
      only = ChunkMatch.payDeskOnly(c, RUN, from, from.plusSeconds(86_400), NOON);
      c.commit();
    }
    assertThat(only)
        .isEqualTo(new ChunkMatch.PayDeskOnly(1, 1000, 1, 300)); // PD1 paid, RF1 refunded that day
    assertThat(discrepancies())
        .containsExactlyInAnyOrder(
            List.of(
                "PAYDESK_ONLY",
                "PD1",
                "-",
                -1L,
                1000L,
                "paid in PayDesk that day, not in WeChat's bill"),
            List.of(
                "REFUND_MISSING",
                "PD3",
                "RF1",
                -1L,
                300L,
                "refunded in PayDesk that day, not in WeChat's bill"));
    try (Connection c = db.getConnection()) {
      assertThat(ChunkMatch.clear(c, MCH_A, DAY)).isEqualTo(1);
    }
  }

  // ------------------------------------------------------------------ helpers

  FluentConfiguration flyway() {
    return Flyway.configure().dataSource(db).locations("classpath:db/migration");
  }

  static BillEntry payment(String outTradeNo, String transactionId, long fen, State state) {
    return new BillEntry(false, outTradeNo, transactionId, null, null, fen, state, 6 * fen);
  }

  static BillEntry refund(String outRefundNo, String refundId, long fen, State state) {
    return new BillEntry(true, "PD3", "4200PD3", outRefundNo, refundId, fen, state, -6 * fen);
  }

  static List<String> details(LineMatcher.Match match) {
    return match.findings().stream().map(Finding::detail).toList();
  }

  /** type, out_trade_no, out_refund_no ("-" for none), WeChat's and PayDesk's fen, detail. */
  List<List<Object>> discrepancies() throws SQLException {
    try (Connection c = db.getConnection()) {
      return rows(
          c,
          "SELECT type, out_trade_no, out_refund_no, COALESCE(wechat_fen, -1), paydesk_fen, detail"
              + " FROM recon_discrepancy");
    }
  }

  static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          Object value = r.getObject(i);
          row.add(value == null ? "-" : value instanceof Number n ? (Object) n.longValue() : value);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  static void order(Connection c, long id, String orderNo, long fen, String status)
      throws SQLException {
    update(
        c,
        "INSERT INTO orders (id, order_no, openid, amount_fen, description, status, created_at,"
            + " expires_at, version, refunded_fen) VALUES (?, ?, 'o-buyer', ?, 'test', ?, ?, ?, 1, 0)",
        id,
        orderNo,
        fen,
        status,
        utc(NOON.minusSeconds(7200)),
        utc(NOON.plusSeconds(7200)));
  }

  static void attempt(
      Connection c,
      long id,
      long orderId,
      String outTradeNo,
      String status,
      long fen,
      String transactionId,
      Instant paidAt)
      throws SQLException {
    update(
        c,
        "INSERT INTO payment_attempt (id, order_id, out_trade_no, status, amount_fen, client_ip,"
            + " transaction_id, paid_at, created_at, checks, version)"
            + " VALUES (?, ?, ?, ?, ?, '127.0.0.1', ?, ?, ?, 0, 1)",
        id,
        orderId,
        outTradeNo,
        status,
        fen,
        transactionId,
        paidAt == null ? null : utc(paidAt),
        utc(NOON.minusSeconds(7200)));
  }

  static void refund(
      Connection c,
      long id,
      String outRefundNo,
      String orderNo,
      String outTradeNo,
      long fen,
      String status,
      String refundId,
      Instant refundedAt)
      throws SQLException {
    update(
        c,
        "INSERT INTO refund (id, out_refund_no, order_no, out_trade_no, request_id, amount_fen,"
            + " total_fee_fen, reason, status, approvals_required, requested_by, requested_at,"
            + " wechat_refund_id, submissions, checks, refunded_at, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, 800, 'test', ?, 1, 'shop', ?, ?, 1, 0, ?, 1)",
        id,
        outRefundNo,
        orderNo,
        outTradeNo,
        "req-" + id,
        fen,
        status,
        utc(NOON.minusSeconds(3600)),
        refundId,
        refundedAt == null ? null : utc(refundedAt));
  }

  static java.time.OffsetDateTime utc(Instant at) {
    return at.atOffset(java.time.ZoneOffset.UTC);
  }

  static void update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          s.setNull(i + 1, java.sql.Types.NULL);
        } else {
          s.setObject(i + 1, values[i]);
        }
      }
      s.executeUpdate();
    }
  }
}
