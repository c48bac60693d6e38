package io.paydesk.reconciliation.boundary;

import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.reconciliation.control.ReconciliationStore;
import io.paydesk.reconciliation.entity.DayStatus;
import io.paydesk.reconciliation.entity.Discrepancy;
import io.paydesk.reconciliation.entity.DiscrepancyType;
import io.paydesk.reconciliation.entity.ReconciliationDay;
import io.paydesk.wechatpay.BeijingTime;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Reconciliation for staff: start (or rerun) a date within WeChat's three months, list the days,
 * show a day, mark a discrepancy resolved. FINANCE and ADMIN see and start; only FINANCE resolves.
 */
@Stateless
@DeclareRoles({Role.FINANCE_NAME, Role.ADMIN_NAME})
public class ReconciliationService {

  /** Discrepancies a report lists at most (the counts by type cover all of them). */
  public static final int REPORT_LIMIT = 1000;

  private static final Logger LOG = Logger.getLogger(ReconciliationService.class.getName());

  @PersistenceContext(unitName = "reconciliation")
  EntityManager em;

  @EJB ReconciliationStore store;
  @EJB ReconciliationScheduler scheduler;
  @Resource SessionContext context;

  /**
   * Starts the reconciliation of {@code billDate} (a Beijing day, yyyy-MM-dd), or reruns it; a
   * rerun replaces the date's result when it completes. Asking again while it is queued changes
   * nothing.
   *
   * @throws PayDeskException INVALID_REQUEST for a date that is malformed, in the future or older
   *     than three months (WeChat keeps bills that long); RECONCILIATION_RUNNING while it runs
   */
  @RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
  @Audited("reconciliation.start")
  public ReconciliationView.Day start(String billDate) {
    LocalDate date = reconcilable(billDate);
    ReconciliationDay existing =
        em.find(ReconciliationDay.class, date, LockModeType.PESSIMISTIC_WRITE);
    if (existing != null && existing.status() == DayStatus.RUNNING) {
      throw new PayDeskException(
          ErrorCode.RECONCILIATION_RUNNING,
          "the reconciliation of " + date + " is running (run " + existing.runNo() + ")");
    }
    String by = context.getCallerPrincipal().getName();
    ReconciliationDay day = store.queue(date, by, Instant.now());
    LOG.info(
        () -> "reconciliation queued billDate=" + date + " runNo=" + day.runNo() + " by=" + by);
    scheduler.soon();
    return ReconciliationView.Day.of(day);
  }

  /** The most recent days first. */
  @RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
  public List<ReconciliationView.Day> days(int max) {
    return em
        .createQuery(
            "SELECT d FROM ReconciliationDay d ORDER BY d.billDate DESC", ReconciliationDay.class)
        .setMaxResults(Math.max(1, Math.min(max, 366)))
        .getResultList()
        .stream()
        .map(ReconciliationView.Day::of)
        .toList();
  }

  /**
   * One date in detail.
   *
   * @throws PayDeskException INVALID_REQUEST for a malformed date, RECONCILIATION_NOT_FOUND when it
   *     was never reconciled
   */
  @RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
  public ReconciliationView.Report report(String billDate) {
    LocalDate date = parse(billDate);
    ReconciliationDay day =
        store
            .find(date)
            .orElseThrow(
                () ->
                    new PayDeskException(
                        ErrorCode.RECONCILIATION_NOT_FOUND, date + " has not been reconciled"));
    ReconciliationStore.Run run = new ReconciliationStore.Run(date, day.runNo());
    Map<String, Long> byType = new LinkedHashMap<>();
    for (Map.Entry<DiscrepancyType, Long> e : store.countsByType(run).entrySet()) {
      byType.put(e.getKey().name(), e.getValue());
    }
    List<ReconciliationView.Item> current = items(date, day.runNo(), REPORT_LIMIT + 1);
    boolean truncated = current.size() > REPORT_LIMIT;
    if (truncated) {
      current = current.subList(0, REPORT_LIMIT);
    }
    List<ReconciliationView.Item> resolvedSince = List.of();
    if (day.status() == DayStatus.COMPLETED && day.runNo() > 1) {
      Set<String> now =
          items(date, day.runNo(), Integer.MAX_VALUE).stream()
              .map(ReconciliationView.Item::key)
              .collect(Collectors.toSet());
      resolvedSince =
          items(date, day.runNo() - 1, REPORT_LIMIT).stream()
              .filter(item -> !now.contains(item.key()))
              .toList();
    }
    return new ReconciliationView.Report(
        ReconciliationView.Day.of(day), byType, current, truncated, resolvedSince);
  }

  /**
   * A page of the discrepancies a date's latest run found, in the order they were found, after
   * discrepancy {@code afterId} (0: from the first): for exports, which read a day page by page
   * however many discrepancies it has.
   *
   * @throws PayDeskException INVALID_REQUEST for a malformed date or page size,
   *     RECONCILIATION_NOT_FOUND when it was never reconciled
   */
  @RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<ReconciliationView.Item> discrepancies(String billDate, long afterId, int max) {
    if (max < 1 || max > REPORT_LIMIT) {
      throw new PayDeskException(ErrorCode.INVALID_REQUEST, "max is 1 to " + REPORT_LIMIT);
    }
    LocalDate date = parse(billDate);
    ReconciliationDay day =
        store
            .find(date)
            .orElseThrow(
                () ->
                    new PayDeskException(
                        ErrorCode.RECONCILIATION_NOT_FOUND, date + " has not been reconciled"));
    return em
        .createQuery(
            "SELECT d FROM Discrepancy d WHERE d.billDate = :date AND d.runNo = :run"
                + " AND d.id > :after ORDER BY d.id",
            Discrepancy.class)
        .setParameter("date", date)
        .setParameter("run", day.runNo())
        .setParameter("after", afterId)
        .setMaxResults(max)
        .getResultList()
        .stream()
        .map(ReconciliationView.Item::of)
        .toList();
  }

  /**
   * FINANCE marks a discrepancy resolved, with a note; who and when are recorded.
   *
   * @throws PayDeskException DISCREPANCY_NOT_FOUND, INVALID_REQUEST without a note,
   *     DISCREPANCY_RESOLVED when it is resolved already
   */
  @RolesAllowed(Role.FINANCE_NAME)
  @Audited(value = "reconciliation.resolve", detail = 1)
  public ReconciliationView.Item resolve(long id, String note) {
    Discrepancy d = em.find(Discrepancy.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (d == null) {
      throw new PayDeskException(ErrorCode.DISCREPANCY_NOT_FOUND, "no discrepancy " + id);
    }
    String by = context.getCallerPrincipal().getName();
    try {
      d.resolve(by, note, Instant.now());
    } catch (IllegalArgumentException e) {
      throw new PayDeskException(ErrorCode.INVALID_REQUEST, e.getMessage());
    } catch (IllegalStateException e) {
      throw new PayDeskException(ErrorCode.DISCREPANCY_RESOLVED, e.getMessage());
    }
    LOG.info(
        () ->
            "discrepancy resolved id="
                + id
                + " billDate="
                + d.billDate()
                + " outTradeNo="
                + d.outTradeNo()
                + " outRefundNo="
                + d.outRefundNo()
                + " by="
                + by);
    return ReconciliationView.Item.of(d);
  }

  private List<ReconciliationView.Item> items(LocalDate date, int runNo, int max) {
    return em
        .createQuery(
            "SELECT d FROM Discrepancy d WHERE d.billDate = :date AND d.runNo = :run"
                + " ORDER BY d.id",
            Discrepancy.class)
        .setParameter("date", date)
        .setParameter("run", runNo)
        .setMaxResults(max)
        .getResultList()
        .stream()
        .map(ReconciliationView.Item::of)
        .toList();
  }

  /** A date WeChat serves a bill for: today (Beijing) back to three months ago. */
  static LocalDate reconcilable(String text) {
    LocalDate date = parse(text);
    LocalDate today = LocalDate.now(BeijingTime.OFFSET);
    if (date.isAfter(today)) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST,
          date + " is in the future (today is " + today + " in Beijing)");
    }
    if (date.isBefore(today.minusMonths(3))) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST,
          date + " is older than three months: WeChat keeps bills since " + today.minusMonths(3));
    }
    return date;
  }

  static LocalDate parse(String text) {
    if (text == null || text.isBlank()) {
      throw new PayDeskException(ErrorCode.INVALID_REQUEST, "a bill date (yyyy-MM-dd) is required");
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "'" + text + "' is not a date (yyyy-MM-dd)");
    }
  }
}
