package io.paydesk.reconciliation.control;

import io.paydesk.platform.job.boundary.JobLease;
import io.paydesk.reconciliation.boundary.ReconciliationCompleted;
import io.paydesk.reconciliation.entity.DayStatus;
import io.paydesk.reconciliation.entity.DiscrepancyType;
import io.paydesk.reconciliation.entity.ReconciliationDay;
import io.paydesk.wechatpay.BeijingTime;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Reconciliation's database work, each call in a transaction of its own. {@link #applyChunk}
 * commits a chunk's discrepancies, the references it saw, the figures and the progress ({@code
 * lines_done}) together, so a run broken off resumes exactly after its last committed line. It
 * cannot share the batch chunk's transaction: on Payara Micro the batch runtime writes its
 * checkpoint in that transaction through its own non-XA datasource ({@code jdbc/__default}), and a
 * transaction takes only one non-XA resource. The runtime's checkpoint is therefore not trusted for
 * resuming; {@code lines_done} is. Reads PayDesk's payment attempts and refunds with plain SQL, a
 * chunk at a time (one query per chunk, not per line).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ReconciliationStore {

  private static final Logger LOG = Logger.getLogger(ReconciliationStore.class.getName());

  @PersistenceContext(unitName = "reconciliation")
  EntityManager em;

  @Inject Event<ReconciliationCompleted> completed;

  /** A run: which date, which run number. */
  public record Run(LocalDate billDate, int runNo) {}

  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Optional<ReconciliationDay> find(LocalDate date) {
    return Optional.ofNullable(em.find(ReconciliationDay.class, date));
  }

  // ------------------------------------------------------------------ lifecycle

  /** Queues a first run of {@code date}, or a rerun; answers the day as it is now. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public ReconciliationDay queue(LocalDate date, String by, Instant now) {
    ReconciliationDay day = em.find(ReconciliationDay.class, date, LockModeType.PESSIMISTIC_WRITE);
    if (day == null) {
      day = new ReconciliationDay(date, by, now);
      em.persist(day);
    } else if (day.status() != DayStatus.QUEUED) {
      day.rerun(by, now);
    }
    em.flush();
    return day;
  }

  /** Queues {@code date} unless it has a reconciliation already (the daily schedule). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean queueIfNew(LocalDate date, String by, Instant now) {
    if (em.find(ReconciliationDay.class, date) != null) {
      return false;
    }
    em.persist(new ReconciliationDay(date, by, now));
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
                    + " ORDER BY d.billDate",
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
                "reconciliation taken over billDate="
                    + day.billDate()
                    + " runNo="
                    + day.runNo()
                    + " fromNode="
                    + day.node()
                    + " linesDone="
                    + day.linesDone());
      }
      day.claim(node, now);
      runs.add(new Run(day.billDate(), day.runNo()));
    }
    return runs;
  }

  /** How often the date was tried (0 when unknown). */
  public int tries(LocalDate date) {
    ReconciliationDay day = em.find(ReconciliationDay.class, date);
    return day == null ? 0 : day.tries();
  }

  /** The lines of this run already applied (committed with their chunk). */
  public long linesDone(Run run) {
    ReconciliationDay day = em.find(ReconciliationDay.class, run.billDate());
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
            "reconciliation waits billDate="
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
      LOG.warning(() -> "reconciliation failed billDate=" + run.billDate() + " reason=" + why);
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

  // ------------------------------------------------------------------ the chunk

  /**
   * Applies a chunk of bill lines: matches each against PayDesk, writes the discrepancies and the
   * references seen, adds the figures and the progress, in one transaction.
   *
   * @throws IllegalStateException if the run is no longer the date's running run (a rerun replaced
   *     it): the chunk rolls back
   */
  public void applyChunk(Run run, List<BillLine> lines) {
    Map<String, PayDeskRecords.Payment> payments = payments(lines);
    Map<String, PayDeskRecords.Refund> refunds = refunds(lines);
    Figures figures = new Figures();
    List<Finding> findings = new ArrayList<>();
    for (BillLine line : lines) {
      LineMatcher.Match match =
          line.refund()
              ? LineMatcher.refund(line, refunds.get(line.outRefundNo()))
              : LineMatcher.payment(line, payments.get(line.outTradeNo()));
      figures.add(line, match);
      findings.addAll(match.findings());
    }
    int updated =
        em.createNativeQuery(
                "UPDATE recon_day SET lines_done = lines_done + ?1,"
                    + " wechat_payment_count = wechat_payment_count + ?2,"
                    + " wechat_payment_fen = wechat_payment_fen + ?3,"
                    + " wechat_refund_count = wechat_refund_count + ?4,"
                    + " wechat_refund_fen = wechat_refund_fen + ?5,"
                    + " wechat_fee_milli_fen = wechat_fee_milli_fen + ?6,"
                    + " paydesk_payment_count = paydesk_payment_count + ?7,"
                    + " paydesk_payment_fen = paydesk_payment_fen + ?8,"
                    + " paydesk_refund_count = paydesk_refund_count + ?9,"
                    + " paydesk_refund_fen = paydesk_refund_fen + ?10,"
                    + " discrepancy_count = discrepancy_count + ?11, version = version + 1"
                    + " WHERE bill_date = ?12 AND run_no = ?13 AND status = 'RUNNING'"
                    + " AND node = ?14")
            .setParameter(1, (long) lines.size())
            .setParameter(2, figures.wechatPayments)
            .setParameter(3, figures.wechatPaymentFen)
            .setParameter(4, figures.wechatRefunds)
            .setParameter(5, figures.wechatRefundFen)
            .setParameter(6, figures.feeMilliFen)
            .setParameter(7, figures.paydeskPayments)
            .setParameter(8, figures.paydeskPaymentFen)
            .setParameter(9, figures.paydeskRefunds)
            .setParameter(10, figures.paydeskRefundFen)
            .setParameter(11, (long) findings.size())
            .setParameter(12, run.billDate())
            .setParameter(13, run.runNo())
            .setParameter(14, JobLease.NODE)
            .executeUpdate();
    if (updated != 1) {
      throw new IllegalStateException(
          "reconciliation run " + run + " is no longer running; the chunk is not applied");
    }
    for (Finding finding : findings) {
      insert(run, finding);
    }
    insertSeen(run, lines);
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
    long[] onlyPayDesk = payDeskOnly(run);
    day.addPayDeskOnly(onlyPayDesk[0], onlyPayDesk[1], onlyPayDesk[2], onlyPayDesk[3]);
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
                    + " WHERE bill_date = ?1 AND run_no = ?2 AND resolved_at IS NULL AND ("
                    + " (type = 'PAID_AT_WECHAT_ONLY' AND paydesk_status IN ('NEW', 'OPEN'))"
                    + " OR (type = 'REFUND_MISMATCH' AND paydesk_status IN ('APPROVED',"
                    + " 'PROCESSING'))) ORDER BY id")
            .setParameter(1, run.billDate())
            .setParameter(2, run.runNo())
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

  /** PayDesk's status of a payment attempt, or of a refund, now. */
  public Optional<String> attemptStatus(String outTradeNo) {
    return single("SELECT status FROM payment_attempt WHERE out_trade_no = ?1", outTradeNo);
  }

  public Optional<String> refundStatus(String outRefundNo) {
    return single("SELECT status FROM refund WHERE out_refund_no = ?1", outRefundNo);
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
   * before the previous one and the references seen are deleted.
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
    em.createNativeQuery("DELETE FROM recon_discrepancy WHERE bill_date = ?1 AND run_no < ?2")
        .setParameter(1, run.billDate())
        .setParameter(2, run.runNo() - 1)
        .executeUpdate();
    em.createNativeQuery("DELETE FROM recon_seen WHERE bill_date = ?1")
        .setParameter(1, run.billDate())
        .executeUpdate();
    Map<String, Long> types = new java.util.TreeMap<>();
    byType.forEach((type, count) -> types.put(type.name(), count));
    ReconciliationCompleted event =
        new ReconciliationCompleted(
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
            "reconciliation completed billDate="
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
        " FROM recon_discrepancy p WHERE p.bill_date = recon_discrepancy.bill_date AND p.run_no = ?2"
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
                + " WHERE bill_date = ?1 AND run_no = ?3 AND resolved_at IS NULL AND EXISTS"
                + " (SELECT 1"
                + same
                + ")")
        .setParameter(1, run.billDate())
        .setParameter(2, run.runNo() - 1)
        .setParameter(3, run.runNo())
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
                "SELECT type, COUNT(*) FROM recon_discrepancy WHERE bill_date = ?1 AND run_no = ?2"
                    + " GROUP BY type")
            .setParameter(1, run.billDate())
            .setParameter(2, run.runNo())
            .getResultList();
    for (Object[] row : rows) {
      counts.put(DiscrepancyType.valueOf((String) row[0]), ((Number) row[1]).longValue());
    }
    return counts;
  }

  // ------------------------------------------------------------------ helpers

  private ReconciliationDay runningDay(Run run) {
    ReconciliationDay day =
        em.find(ReconciliationDay.class, run.billDate(), LockModeType.PESSIMISTIC_WRITE);
    return day != null && day.isRunOf(run.runNo()) && JobLease.NODE.equals(day.node()) ? day : null;
  }

  private Map<String, PayDeskRecords.Payment> payments(List<BillLine> lines) {
    Set<String> numbers = new LinkedHashSet<>();
    for (BillLine line : lines) {
      if (!line.refund()) {
        numbers.add(line.outTradeNo());
      }
    }
    Map<String, PayDeskRecords.Payment> found = new HashMap<>();
    for (Object[] row :
        in(
            "SELECT out_trade_no, status, amount_fen, transaction_id FROM payment_attempt"
                + " WHERE out_trade_no IN ",
            numbers)) {
      found.put(
          (String) row[0],
          new PayDeskRecords.Payment(
              (String) row[0], (String) row[1], ((Number) row[2]).longValue(), (String) row[3]));
    }
    return found;
  }

  private Map<String, PayDeskRecords.Refund> refunds(List<BillLine> lines) {
    Set<String> numbers = new LinkedHashSet<>();
    for (BillLine line : lines) {
      if (line.refund()) {
        numbers.add(line.outRefundNo());
      }
    }
    Map<String, PayDeskRecords.Refund> found = new HashMap<>();
    for (Object[] row :
        in(
            "SELECT out_refund_no, out_trade_no, status, amount_fen, wechat_refund_id FROM refund"
                + " WHERE out_refund_no IN ",
            numbers)) {
      found.put(
          (String) row[0],
          new PayDeskRecords.Refund(
              (String) row[0],
              (String) row[1],
              (String) row[2],
              ((Number) row[3]).longValue(),
              (String) row[4]));
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> in(String select, Collection<String> values) {
    if (values.isEmpty()) {
      return List.of();
    }
    StringBuilder sql = new StringBuilder(select).append('(');
    for (int i = 1; i <= values.size(); i++) {
      sql.append(i == 1 ? "" : ", ").append('?').append(i);
    }
    Query query = em.createNativeQuery(sql.append(')').toString());
    int i = 1;
    for (String value : values) {
      query.setParameter(i++, value);
    }
    return query.getResultList();
  }

  private void insert(Run run, Finding f) {
    em.createNativeQuery(
            "INSERT INTO recon_discrepancy (bill_date, run_no, type, out_trade_no, out_refund_no,"
                + " transaction_id, refund_id, wechat_fen, paydesk_fen, wechat_status,"
                + " paydesk_status, detail, found_at, version)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS BIGINT), CAST(?9 AS BIGINT), ?10, ?11,"
                + " ?12, ?13, 0)")
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
        .executeUpdate();
  }

  /** The chunk's references, in one statement. */
  private void insertSeen(Run run, List<BillLine> lines) {
    if (lines.isEmpty()) {
      return;
    }
    StringBuilder sql =
        new StringBuilder("INSERT INTO recon_seen (bill_date, run_no, kind, ref) VALUES ");
    for (int i = 0; i < lines.size(); i++) {
      int p = i * 2 + 3;
      sql.append(i == 0 ? "" : ", ")
          .append("(?1, ?2, ?")
          .append(p)
          .append(", ?")
          .append(p + 1)
          .append(')');
    }
    Query insert = em.createNativeQuery(sql.toString());
    insert.setParameter(1, run.billDate()).setParameter(2, run.runNo());
    for (int i = 0; i < lines.size(); i++) {
      BillLine line = lines.get(i);
      int p = i * 2 + 3;
      insert.setParameter(p, line.refund() ? "R" : "P");
      insert.setParameter(p + 1, clip(line.refund() ? line.outRefundNo() : line.outTradeNo(), 32));
    }
    insert.executeUpdate();
  }

  /**
   * PayDesk's payments paid that day and refunds refunded that day (Beijing) that the bill does not
   * list, written as discrepancies; answers their counts and sums.
   */
  private long[] payDeskOnly(Run run) {
    OffsetDateTime from =
        run.billDate()
            .atStartOfDay()
            .atOffset(BeijingTime.OFFSET)
            .withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime to = from.plusDays(1);
    String payments =
        " FROM payment_attempt a WHERE a.status = 'PAID' AND a.paid_at >= ?3 AND a.paid_at < ?4"
            + " AND NOT EXISTS (SELECT 1 FROM recon_seen s WHERE s.bill_date = ?1 AND s.run_no = ?2"
            + " AND s.kind = 'P' AND s.ref = a.out_trade_no)";
    String refunds =
        " FROM refund r WHERE r.status = 'REFUNDED' AND r.refunded_at >= ?3 AND r.refunded_at < ?4"
            + " AND NOT EXISTS (SELECT 1 FROM recon_seen s WHERE s.bill_date = ?1 AND s.run_no = ?2"
            + " AND s.kind = 'R' AND s.ref = r.out_refund_no)";
    Object[] paymentSums = sums("SELECT COUNT(*), SUM(a.amount_fen)" + payments, run, from, to);
    Object[] refundSums = sums("SELECT COUNT(*), SUM(r.amount_fen)" + refunds, run, from, to);
    bind(
            em.createNativeQuery(
                "INSERT INTO recon_discrepancy (bill_date, run_no, type, out_trade_no,"
                    + " transaction_id, paydesk_fen, paydesk_status, detail, found_at, version)"
                    + " SELECT CAST(?1 AS DATE), CAST(?2 AS INTEGER), 'PAYDESK_ONLY',"
                    + " a.out_trade_no, a.transaction_id, a.amount_fen, a.status,"
                    + " 'paid in PayDesk that day, not in WeChat''s bill',"
                    + " CAST(?5 AS TIMESTAMP WITH TIME ZONE), 0"
                    + payments),
            run,
            from,
            to)
        .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
        .executeUpdate();
    bind(
            em.createNativeQuery(
                "INSERT INTO recon_discrepancy (bill_date, run_no, type, out_trade_no,"
                    + " out_refund_no, refund_id, paydesk_fen, paydesk_status, detail, found_at,"
                    + " version)"
                    + " SELECT CAST(?1 AS DATE), CAST(?2 AS INTEGER), 'REFUND_MISSING',"
                    + " r.out_trade_no, r.out_refund_no, r.wechat_refund_id, r.amount_fen, r.status,"
                    + " 'refunded in PayDesk that day, not in WeChat''s bill',"
                    + " CAST(?5 AS TIMESTAMP WITH TIME ZONE), 0"
                    + refunds),
            run,
            from,
            to)
        .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
        .executeUpdate();
    return new long[] {
      number(paymentSums[0]), number(paymentSums[1]), number(refundSums[0]), number(refundSums[1])
    };
  }

  private Object[] sums(String sql, Run run, OffsetDateTime from, OffsetDateTime to) {
    return (Object[]) bind(em.createNativeQuery(sql), run, from, to).getSingleResult();
  }

  private static Query bind(Query query, Run run, OffsetDateTime from, OffsetDateTime to) {
    return query
        .setParameter(1, run.billDate())
        .setParameter(2, run.runNo())
        .setParameter(3, from)
        .setParameter(4, to);
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
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

  private Optional<String> single(String sql, String value) {
    @SuppressWarnings("unchecked")
    List<Object> rows = em.createNativeQuery(sql).setParameter(1, value).getResultList();
    return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
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

    void add(BillLine line, LineMatcher.Match match) {
      feeMilliFen += line.feeMilliFen();
      if (line.refund()) {
        wechatRefunds++;
        wechatRefundFen += line.amountFen();
        if (match.paydeskCounts()) {
          paydeskRefunds++;
          paydeskRefundFen += match.paydeskFen();
        }
      } else {
        wechatPayments++;
        wechatPaymentFen += line.amountFen();
        if (match.paydeskCounts()) {
          paydeskPayments++;
          paydeskPaymentFen += match.paydeskFen();
        }
      }
    }
  }
}
