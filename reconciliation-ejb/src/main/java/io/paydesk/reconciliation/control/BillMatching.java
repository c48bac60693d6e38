package io.paydesk.reconciliation.control;

import io.paydesk.gateway.boundary.BillEntry;
import io.paydesk.payment.boundary.PaymentLookup;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.job.boundary.JobLease;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Applies a chunk of bill lines in one transaction of its own: loads them into the staging table,
 * matches them against the ledger as a set ({@link ChunkMatch}), decides the few lines the ledger
 * does not know through the payment and refund modules' boundaries ({@link PaymentLookup}, {@link
 * RefundService#lookup}), and adds the figures and the progress ({@code lines_done}) to the run,
 * all committed together: a run broken off resumes exactly after its last committed line. It cannot
 * share the batch chunk's transaction: on Payara Micro the batch runtime writes its checkpoint in
 * that transaction through its own non-XA datasource ({@code jdbc/__default}), and a transaction
 * takes only one non-XA resource. The runtime's checkpoint is therefore not trusted for resuming;
 * {@code lines_done} is.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BillMatching {

  @Resource(lookup = SchemaMigration.DATASOURCE)
  DataSource data;

  @EJB PaymentLookup payments;
  @EJB RefundService refunds;

  /**
   * Applies the next lines of the run.
   *
   * @throws IllegalStateException if the run is no longer the date's running run on this node (a
   *     rerun replaced it, another node took it over): the chunk rolls back
   */
  public void applyChunk(ReconciliationStore.Run run, List<BillEntry> lines) {
    Instant now = Instant.now();
    try (Connection c = data.getConnection()) {
      long first = claimProgress(c, run);
      ChunkMatch.load(c, run, first, lines);
      ChunkMatch.Outcome outcome = ChunkMatch.match(c, run, first, first + lines.size(), now);
      Figures figures = new Figures();
      figures.paydesk(outcome);
      List<Finding> findings = new ArrayList<>();
      for (BillEntry line : outcome.unknownToLedger()) {
        LineMatcher.Match match = decide(run.mchId(), line);
        findings.addAll(match.findings());
        figures.paydesk(line, match);
      }
      ChunkMatch.insert(c, run, findings, now);
      for (BillEntry line : lines) {
        figures.wechat(line);
      }
      addProgress(c, run, first, lines.size(), figures, outcome.discrepancies() + findings.size());
    } catch (SQLException e) {
      throw new IllegalStateException("reconciliation run " + run + ": chunk not applied", e);
    }
  }

  /**
   * Deletes every staged line of the merchant's date (before a first chunk, after a run completed).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int clear(String mchId, LocalDate billDate) {
    try (Connection c = data.getConnection()) {
      return ChunkMatch.clear(c, mchId, billDate);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "staged bill lines of " + mchId + "/" + billDate + " not deleted", e);
    }
  }

  /**
   * A line of merchant {@code mchId}'s bill the ledger does not know, decided by what the payment
   * and refund modules have: a payment or refund of another merchant's order counts as unknown (a
   * merchant's bill never matches another merchant's records).
   */
  private LineMatcher.Match decide(String mchId, BillEntry line) {
    if (line.refund()) {
      return LineMatcher.refund(
          line,
          refunds
              .lookup(line.outRefundNo())
              .filter(r -> ofMerchant(mchId, r.outTradeNo()))
              .map(BillMatching::refundRecord)
              .orElse(null));
    }
    return LineMatcher.payment(
        line,
        payments
            .attempt(line.outTradeNo())
            .filter(a -> ofMerchant(mchId, a.outTradeNo()))
            .map(
                a ->
                    new PayDeskRecords.Payment(
                        a.outTradeNo(), a.status(), a.amount(), a.transactionId()))
            .orElse(null));
  }

  /**
   * Whether the order of {@code outTradeNo} is merchant {@code mchId}'s (or of no merchant yet).
   */
  private boolean ofMerchant(String mchId, String outTradeNo) {
    return payments.merchantOfTrade(outTradeNo).map(mchId::equals).orElse(true);
  }

  // WeChat's view of the refund: one settled offline by finance failed at WeChat, as its bill says
  private static PayDeskRecords.Refund refundRecord(RefundView r) {
    return new PayDeskRecords.Refund(
        r.outRefundNo(), r.outTradeNo(), r.status().atWeChat(), r.amount(), r.refundId());
  }

  /** Locks the run's day; answers its lines done so far. */
  private static long claimProgress(Connection c, ReconciliationStore.Run run) throws SQLException {
    try (PreparedStatement lock =
        c.prepareStatement(
            "UPDATE recon_day SET version = version + 1 WHERE mch_id = ? AND bill_date = ?"
                + " AND run_no = ? AND status = 'RUNNING' AND node = ?")) {
      lock.setString(1, run.mchId());
      lock.setObject(2, run.billDate());
      lock.setInt(3, run.runNo());
      lock.setString(4, JobLease.NODE);
      if (lock.executeUpdate() != 1) {
        throw new IllegalStateException(
            "reconciliation run " + run + " is no longer running; the chunk is not applied");
      }
    }
    try (PreparedStatement done =
        c.prepareStatement("SELECT lines_done FROM recon_day WHERE mch_id = ? AND bill_date = ?")) {
      done.setString(1, run.mchId());
      done.setObject(2, run.billDate());
      try (ResultSet row = done.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static void addProgress(
      Connection c,
      ReconciliationStore.Run run,
      long first,
      int lines,
      Figures f,
      long discrepancies)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE recon_day SET lines_done = lines_done + ?,"
                + " wechat_payment_count = wechat_payment_count + ?,"
                + " wechat_payment_fen = wechat_payment_fen + ?,"
                + " wechat_refund_count = wechat_refund_count + ?,"
                + " wechat_refund_fen = wechat_refund_fen + ?,"
                + " wechat_fee_milli_fen = wechat_fee_milli_fen + ?,"
                + " paydesk_payment_count = paydesk_payment_count + ?,"
                + " paydesk_payment_fen = paydesk_payment_fen + ?,"
                + " paydesk_refund_count = paydesk_refund_count + ?,"
                + " paydesk_refund_fen = paydesk_refund_fen + ?,"
                + " discrepancy_count = discrepancy_count + ?"
                + " WHERE mch_id = ? AND bill_date = ? AND run_no = ? AND lines_done = ?")) {
      long[] values = {
        lines,
        f.wechatPayments,
        f.wechatPaymentFen,
        f.wechatRefunds,
        f.wechatRefundFen,
        f.feeMilliFen,
        f.paydeskPayments,
        f.paydeskPaymentFen,
        f.paydeskRefunds,
        f.paydeskRefundFen,
        discrepancies
      };
      int p = 1;
      for (long value : values) {
        update.setLong(p++, value);
      }
      update.setString(p++, run.mchId());
      update.setObject(p++, run.billDate());
      update.setInt(p++, run.runNo());
      update.setLong(p, first);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("reconciliation run " + run + " moved on meanwhile");
      }
    }
  }

  /** Figures a chunk adds to its day. */
  private static final class Figures {
    long wechatPayments;
    long wechatPaymentFen;
    long wechatRefunds;
    long wechatRefundFen;
    long feeMilliFen;
    long paydeskPayments;
    long paydeskPaymentFen;
    long paydeskRefunds;
    long paydeskRefundFen;

    void wechat(BillEntry line) {
      feeMilliFen += line.feeMilliFen();
      if (line.refund()) {
        wechatRefunds++;
        wechatRefundFen += line.amountFen();
      } else {
        wechatPayments++;
        wechatPaymentFen += line.amountFen();
      }
    }

    void paydesk(ChunkMatch.Outcome matched) {
      paydeskPayments += matched.payments();
      paydeskPaymentFen += matched.paymentFen();
      paydeskRefunds += matched.refunds();
      paydeskRefundFen += matched.refundFen();
    }

    void paydesk(BillEntry line, LineMatcher.Match match) {
      if (!match.paydeskCounts()) {
        return;
      }
      if (line.refund()) {
        paydeskRefunds++;
        paydeskRefundFen += match.paydeskFen();
      } else {
        paydeskPayments++;
        paydeskPaymentFen += match.paydeskFen();
      }
    }
  }
}
