package io.paydesk.reconciliation.control;

import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.job.boundary.JobLease;
import io.paydesk.reconciliation.boundary.ReconciliationCompleted;
import io.paydesk.reconciliation.entity.DayKey;
import io.paydesk.reconciliation.entity.DayStatus;
import io.paydesk.reconciliation.entity.DiscrepancyType;
import io.paydesk.reconciliation.entity.ReconciliationDay;
import io.paydesk.refund.entity.RefundStatus;
import io.paydesk.wechatpay.BeijingTime;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Reconciliation's bookkeeping of runs, each call in a transaction of its own: queueing and
 * claiming dates, breaking off, the day's check after the last line (the bill's summary, what the
 * ledger has that the bill lacks), repairs and completion. A chunk of lines is applied by {@link
 * BillMatching}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ReconciliationStore {

  private static final Logger LOG = Logger.getLogger(ReconciliationStore.class.getName());

  /** Attempts a query to WeChat can settle, as SQL literals. */
  private static final String PENDING_ATTEMPTS =
      Arrays.stream(AttemptStatus.values())
          .filter(AttemptStatus::isPending)
          .map(s -> "'" + s.name() + "'")
          .collect(Collectors.joining(", "));

  /** Refunds a query to WeChat can settle, as SQL literals. */
  private static final String UNSETTLED_REFUNDS =
      Stream.of(RefundStatus.APPROVED, RefundStatus.PROCESSING)
          .map(s -> "'" + s.name() + "'")
          .collect(Collectors.joining(", "));

  @PersistenceContext(unitName = "reconciliation")
  EntityManager em;

  @Resource(lookup = SchemaMigration.DATASOURCE)
  DataSource data;

  @Inject Event<ReconciliationCompleted> completed;

  /** A run: which merchant's bill of which date, which run number. */
  public record Run(String mchId, LocalDate billDate, int runNo) {
    public DayKey key() {
      return new DayKey(mchId, billDate);
    }

    @Override
    public String toString() {
      return mchId + "/" + billDate + "#" + runNo;
    }
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Optional<ReconciliationDay> find(String mchId, LocalDate date) {
    return Optional.ofNullable(em.find(ReconciliationDay.class, new DayKey(mchId, date)));
  }

  /**
   * Gives what was reconciled before PayDesk knew several merchants (days, discrepancies and staged
   * lines with mch_id '', ledger entries without one) to the first merchant; answers the rows
   * changed. Idempotent: a second call finds nothing.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int adopt(String firstMchId) {
    try (Connection c = data.getConnection()) {
      return ChunkMatch.adopt(c, firstMchId);
    } catch (SQLException e) {
      throw new IllegalStateException("reconciliation rows not given to the first merchant", e);
    }
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Queues a first run of the merchant's {@code date}, or a rerun; answers the day as it is now.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public ReconciliationDay queue(String mchId, LocalDate date, String by, Instant now) {
    ReconciliationDay day =
        em.find(ReconciliationDay.class, new DayKey(mchId, date), LockModeType.PESSIMISTIC_WRITE);
    if (day == null) {
      day = new ReconciliationDay(mchId, date, by, now);
      em.persist(day);
    } else if (day.status() != DayStatus.QUEUED) {
      day.rerun(by, now);
    }
    em.flush();
    return day;
  }

  /**
   * Queues the merchant's {@code date} unless it has a reconciliation already (the daily schedule).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean queueIfNew(String mchId, LocalDate date, String by, Instant now) {
    if (em.find(ReconciliationDay.class, new DayKey(mchId, date)) != null) {
      return false;
    }
    em.persist(new ReconciliationDay(mchId, date, by, now));
    return true;
  }

  /**
   * The dates this node should run now: queued or waiting ones that are due, and running ones whose
   * node is gone (PayDesk stopped mid-run). Each is claimed for {@code node}.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<Run> claimDue(String node, Instant now) {
    List<ReconciliationDay> due =
        em.createQuery(
                "SELECT d FROM ReconciliationDay d WHERE (d.status IN :waiting AND d.nextTryAt <= :now)"
                    + " OR (d.status = :running AND (d.node IS NULL OR d.node <> :node))"
                    + " ORDER BY d.billDate, d.mchId",
                ReconciliationDay.class)
            .setParameter("waiting", List.of(DayStatus.QUEUED, DayStatus.WAITING))
            .setParameter("running", DayStatus.RUNNING)
            .setParameter("now", now.atOffset(ZoneOffset.UTC))
            .setParameter("node", node)
            // no LIMIT: H2 refuses FOR UPDATE before it; only a handful of dates are ever due
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    List<Run> runs = new ArrayList<>();
    for (ReconciliationDay day : due) {
      if (day.status() == DayStatus.RUNNING) {
        LOG.info(
            () ->
                "reconciliation taken over mchId="
                    + day.mchId()
                    + " billDate="
                    + day.billDate()
                    + " runNo="
                    + day.runNo()
                    + " fromNode="
                    + day.node()
                    + " linesDone="
                    + day.linesDone());
      }
      day.claim(node, now);
      runs.add(new Run(day.mchId(), day.billDate(), day.runNo()));
    }
    return runs;
  }

  /** How often the merchant's date was tried (0 when unknown). */
  public int tries(DayKey key) {
    ReconciliationDay day = em.find(ReconciliationDay.class, key);
    return day == null ? 0 : day.tries();
  }

  /** The lines of this run already applied (committed with their chunk). */
  public long linesDone(Run run) {
    ReconciliationDay day = em.find(ReconciliationDay.class, run.key());
    return day == null || day.runNo() != run.runNo() ? 0 : day.linesDone();
  }

  /** The run stops here and is tried again at {@code next} (bill not ready, job broke off). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean breakOff(Run run, Instant next, String why) {
    ReconciliationDay day = runningDay(run);
    if (day == null) {
      return false;
    }
    day.waitUntil(next, why);
    LOG.info(
        () ->
            "reconciliation waits mchId="
                + run.mchId()
                + " billDate="
                + run.billDate()
                + " runNo="
                + run.runNo()
                + " nextTryAt="
                + next
                + " reason="
                + why);
    return true;
  }

  /** WeChat refuses the date: the run ends FAILED. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void fail(Run run, String why, Instant now) {
    ReconciliationDay day = runningDay(run);
    if (day != null) {
      day.fail(why, now);
      LOG.warning(
          () ->
              "reconciliation failed mchId="
                  + run.mchId()
                  + " billDate="
                  + run.billDate()
                  + " reason="
                  + why);
    }
  }

  /** "No Bill Exist": the run goes on with zero lines. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void markBillEmpty(Run run) {
    ReconciliationDay day = runningDay(run);
    if (day != null) {
      day.markBillEmpty();
    }
  }

  // ------------------------------------------------------------------ after the lines

  /**
   * After the last line: records the summary, what PayDesk has for the day that the bill lacks, and
   * checks the summary against the rows and against PayDesk's figures.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void checkDay(Run run, BillTotals totals) {
    ReconciliationDay day = runningDay(run);
    if (day == null) {
      throw new IllegalStateException("reconciliation run " + run + " is no longer running");
    }
    if (totals != null) {
      day.recordSummary(
          totals.count(), totals.paymentFen(), totals.refundFen(), totals.feeMilliFen());
      for (String mismatch : totals.rowMismatches()) {
        insert(
            run,
            new Finding(
                DiscrepancyType.SUMMARY_MISMATCH,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "the bill's summary disagrees with its rows: " + mismatch));
      }
    }
    ChunkMatch.PayDeskOnly only = payDeskOnly(run);
    day.addPayDeskOnly(only.payments(), only.paymentFen(), only.refunds(), only.refundFen());
    if (totals != null) {
      if (totals.paymentFen() != day.paydeskPaymentFen()) {
        insert(
            run,
            summaryFinding(
                totals.paymentFen(),
                day.paydeskPaymentFen(),
                "payments: WeChat's summary "
                    + totals.paymentFen()
                    + " fen, PayDesk "
                    + day.paydeskPaymentFen()
                    + " fen"));
      }
      long wechatRefunds = totals.refundFen() == null ? day.wechatRefundFen() : totals.refundFen();
      if (wechatRefunds != day.paydeskRefundFen()) {
        insert(
            run,
            summaryFinding(
                wechatRefunds,
                day.paydeskRefundFen(),
                "refunds: WeChat's summary "
                    + wechatRefunds
                    + " fen, PayDesk "
                    + day.paydeskRefundFen()
                    + " fen"));
      }
    }
  }

  /** Discrepancies of the run that a query to WeChat may settle. */
  public record Repairable(long id, DiscrepancyType type, String outTradeNo, String outRefundNo) {}

  public List<Repairable> repairable(Run run) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, type, out_trade_no, out_refund_no FROM recon_discrepancy"
                    + " WHERE mch_id = ?3 AND bill_date = ?1 AND run_no = ?2"
                    + " AND resolved_at IS NULL AND ("
                    + " (type = 'PAID_AT_WECHAT_ONLY' AND paydesk_status IN ("
                    + PENDING_ATTEMPTS
                    + ")) OR (type = 'REFUND_MISMATCH' AND paydesk_status IN ("
                    + UNSETTLED_REFUNDS
                    + "))) ORDER BY id")
            .setParameter(1, run.billDate())
            .setParameter(2, run.runNo())
            .setParameter(3, run.mchId())
            .getResultList();
    List<Repairable> result = new ArrayList<>();
    for (Object[] row : rows) {
      result.add(
          new Repairable(
              ((Number) row[0]).longValue(),
              DiscrepancyType.valueOf((String) row[1]),
              (String) row[2],
              (String) row[3]));
    }
    return result;
  }

  /** What reconciliation did about a discrepancy; settled ones count as resolved by it. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordRepair(long id, String repair, boolean settled) {
    em.createNativeQuery(
            "UPDATE recon_discrepancy SET repair = ?1, resolved_by = ?2,"
                + " resolved_at = CAST(?3 AS TIMESTAMP WITH TIME ZONE),"
                + " resolution_note = ?4, version = version + 1 WHERE id = ?5")
        .setParameter(1, repair)
        .setParameter(2, settled ? "reconciliation" : null)
        .setParameter(3, settled ? OffsetDateTime.now(ZoneOffset.UTC) : null)
        .setParameter(4, settled ? repair : null)
        .setParameter(5, id)
        .executeUpdate();
  }

  /**
   * Completes the run and announces it (the ERP's event in the same transaction); rows of runs
   * before the previous one are deleted (the staged bill lines, by the caller afterwards).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public ReconciliationCompleted complete(Run run, Instant now) {
    ReconciliationDay day = runningDay(run);
    if (day == null) {
      throw new IllegalStateException("reconciliation run " + run + " is no longer running");
    }
    Map<DiscrepancyType, Long> byType = countsByType(run);
    long total = byType.values().stream().mapToLong(Long::longValue).sum();
    day.complete(total, now);
    carryResolutions(run);
    em.createNativeQuery(
            "DELETE FROM recon_discrepancy WHERE mch_id = ?3 AND bill_date = ?1 AND run_no < ?2")
        .setParameter(1, run.billDate())
        .setParameter(2, run.runNo() - 1)
        .setParameter(3, run.mchId())
        .executeUpdate();
    Map<String, Long> types = new java.util.TreeMap<>();
    byType.forEach((type, count) -> types.put(type.name(), count));
    ReconciliationCompleted event =
        new ReconciliationCompleted(
            run.mchId(),
            run.billDate().toString(),
            run.runNo(),
            new ReconciliationCompleted.Figures(
                day.wechatPaymentCount(),
                day.wechatPaymentFen(),
                day.wechatRefundCount(),
                day.wechatRefundFen()),
            new ReconciliationCompleted.Figures(
                day.paydeskPaymentCount(),
                day.paydeskPaymentFen(),
                day.paydeskRefundCount(),
                day.paydeskRefundFen()),
            day.wechatFeeMilliFen(),
            total,
            types,
            now);
    completed.fire(event);
    LOG.info(
        () ->
            "reconciliation completed mchId="
                + run.mchId()
                + " billDate="
                + run.billDate()
                + " runNo="
                + run.runNo()
                + " lines="
                + day.linesDone()
                + " discrepancies="
                + total);
    return event;
  }

  /**
   * A discrepancy staff resolved in the previous run and found again (same type, numbers and
   * detail) stays resolved, with the same who, when and note.
   */
  private void carryResolutions(Run run) {
    String same =
        " FROM recon_discrepancy p WHERE p.mch_id = recon_discrepancy.mch_id"
            + " AND p.bill_date = recon_discrepancy.bill_date AND p.run_no = ?2"
            + " AND p.resolved_at IS NOT NULL AND p.type = recon_discrepancy.type"
            + " AND COALESCE(p.out_trade_no, '') = COALESCE(recon_discrepancy.out_trade_no, '')"
            + " AND COALESCE(p.out_refund_no, '') = COALESCE(recon_discrepancy.out_refund_no, '')"
            + " AND p.detail = recon_discrepancy.detail";
    em.createNativeQuery(
            "UPDATE recon_discrepancy SET resolved_by = (SELECT MAX(p.resolved_by)"
                + same
                + "), resolved_at = (SELECT MAX(p.resolved_at)"
                + same
                + "), resolution_note = (SELECT MAX(p.resolution_note)"
                + same
                + "), version = version + 1"
                + " WHERE mch_id = ?4 AND bill_date = ?1 AND run_no = ?3 AND resolved_at IS NULL"
                + " AND EXISTS"
                + " (SELECT 1"
                + same
                + ")")
        .setParameter(1, run.billDate())
        .setParameter(2, run.runNo() - 1)
        .setParameter(3, run.runNo())
        .setParameter(4, run.mchId())
        .executeUpdate();
  }

  /** Discrepancies of a run by type (every type, zero included). */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Map<DiscrepancyType, Long> countsByType(Run run) {
    Map<DiscrepancyType, Long> counts = new EnumMap<>(DiscrepancyType.class);
    for (DiscrepancyType type : DiscrepancyType.values()) {
      counts.put(type, 0L);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT type, COUNT(*) FROM recon_discrepancy WHERE mch_id = ?3 AND bill_date = ?1"
                    + " AND run_no = ?2 GROUP BY type")
            .setParameter(1, run.billDate())
            .setParameter(2, run.runNo())
            .setParameter(3, run.mchId())
            .getResultList();
    for (Object[] row : rows) {
      counts.put(DiscrepancyType.valueOf((String) row[0]), ((Number) row[1]).longValue());
    }
    return counts;
  }

  // ------------------------------------------------------------------ helpers

  private ReconciliationDay runningDay(Run run) {
    ReconciliationDay day =
        em.find(ReconciliationDay.class, run.key(), LockModeType.PESSIMISTIC_WRITE);
    return day != null && day.isRunOf(run.runNo()) && JobLease.NODE.equals(day.node()) ? day : null;
  }

  private void insert(Run run, Finding f) {
    em.createNativeQuery(
            "INSERT INTO recon_discrepancy (bill_date, run_no, type, out_trade_no, out_refund_no,"
                + " transaction_id, refund_id, wechat_fen, paydesk_fen, wechat_status,"
                + " paydesk_status, detail, found_at, version, mch_id)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS BIGINT), CAST(?9 AS BIGINT), ?10, ?11,"
                + " ?12, ?13, 0, ?14)")
        .setParameter(1, run.billDate())
        .setParameter(2, run.runNo())
        .setParameter(3, f.type().name())
        .setParameter(4, clip(f.outTradeNo(), 32))
        .setParameter(5, clip(f.outRefundNo(), 32))
        .setParameter(6, clip(f.transactionId(), 32))
        .setParameter(7, clip(f.refundId(), 64))
        .setParameter(8, f.wechatFen())
        .setParameter(9, f.paydeskFen())
        .setParameter(10, clip(f.wechatStatus(), 32))
        .setParameter(11, clip(f.paydeskStatus(), 32))
        .setParameter(12, clip(f.detail(), 256))
        .setParameter(13, OffsetDateTime.now(ZoneOffset.UTC))
        .setParameter(14, run.mchId())
        .executeUpdate();
  }

  /**
   * What the ledger has for the day (Beijing) and the run's bill lacks, written as discrepancies;
   * answers its counts and sums.
   */
  private ChunkMatch.PayDeskOnly payDeskOnly(Run run) {
    Instant from = run.billDate().atStartOfDay().atOffset(BeijingTime.OFFSET).toInstant();
    try (Connection c = data.getConnection()) {
      return ChunkMatch.payDeskOnly(c, run, from, from.plus(Duration.ofDays(1)), Instant.now());
    } catch (SQLException e) {
      throw new IllegalStateException("reconciliation run " + run + ": PayDesk's side not read", e);
    }
  }

  private static Finding summaryFinding(long wechat, long paydesk, String detail) {
    return new Finding(
        DiscrepancyType.SUMMARY_MISMATCH,
        null,
        null,
        null,
        null,
        wechat,
        paydesk,
        null,
        null,
        detail);
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
