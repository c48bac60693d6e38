package io.paydesk.reconciliation.boundary;

import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.boundary.StaffService;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.reconciliation.control.ReconciliationStore;
import io.paydesk.reconciliation.entity.DayKey;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Reconciliation for staff: start (or rerun) a merchant's date within WeChat's three months, list
 * the days, show a day, mark a discrepancy resolved. FINANCE and ADMIN see and start; only FINANCE
 * resolves. One bill per merchant per day: every call names the merchant ({@code mchId}; none: the
 * first merchant, or the caller's own when staff are limited to some merchants). Staff limited to
 * some merchants see and act on those merchants' days only: another merchant's day or discrepancy
 * is MERCHANT_NOT_FOUND or DISCREPANCY_NOT_FOUND, never its data.
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
  @EJB MerchantRegistry merchants;
  @EJB StaffService staff;
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
  public ReconciliationView.Day start(String mchId, String billDate) {
    String merchant = merchant(mchId);
    LocalDate date = reconcilable(billDate);
    ReconciliationDay existing =
        em.find(
            ReconciliationDay.class, new DayKey(merchant, date), LockModeType.PESSIMISTIC_WRITE);
    if (existing != null && existing.status() == DayStatus.RUNNING) {
      throw new PayDeskException(
          ErrorCode.RECONCILIATION_RUNNING,
          "the reconciliation of "
              + merchant
              + "/"
              + date
              + " is running (run "
              + existing.runNo()
              + ")");
    }
    String by = context.getCallerPrincipal().getName();
    ReconciliationDay day = store.queue(merchant, date, by, Instant.now());
    LOG.info(
        () ->
            "reconciliation queued mchId="
                + merchant
                + " billDate="
                + date
                + " runNo="
                + day.runNo()
                + " by="
                + by);
    scheduler.soon();
    return ReconciliationView.Day.of(day);
  }

  /**
   * The most recent days first, of merchant {@code mchId} (null: of every merchant the caller may
   * see); a merchant the caller may not see has none.
   */
  @RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
  public List<ReconciliationView.Day> days(String mchId, int max) {
    Set<String> allowed = staff.callerMerchants();
    Set<String> shown;
    if (mchId != null && !mchId.isBlank()) {
      shown = allowed.isEmpty() || allowed.contains(mchId.strip()) ? Set.of(mchId.strip()) : null;
    } else {
      shown = allowed.isEmpty() ? Set.of() : allowed;
    }
    if (shown == null) {
      return List.of();
    }
    var query =
        em.createQuery(
            "SELECT d FROM ReconciliationDay d"
                + (shown.isEmpty() ? "" : " WHERE d.mchId IN :merchants")
                + " ORDER BY d.billDate DESC, d.mchId",
            ReconciliationDay.class);
    if (!shown.isEmpty()) {
      query.setParameter("merchants", shown);
    }
    return query.setMaxResults(Math.max(1, Math.min(max, 366))).getResultList().stream()
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
  public ReconciliationView.Report report(String mchId, String billDate) {
    ReconciliationDay day = reconciled(mchId, billDate);
    LocalDate date = day.billDate();
    ReconciliationStore.Run run = new ReconciliationStore.Run(day.mchId(), date, day.runNo());
    Map<String, Long> byType = new LinkedHashMap<>();
    for (Map.Entry<DiscrepancyType, Long> e : store.countsByType(run).entrySet()) {
      byType.put(e.getKey().name(), e.getValue());
    }
    List<ReconciliationView.Item> current = items(run, day.runNo(), REPORT_LIMIT + 1);
    boolean truncated = current.size() > REPORT_LIMIT;
    if (truncated) {
      current = current.subList(0, REPORT_LIMIT);
    }
    List<ReconciliationView.Item> resolvedSince = List.of();
    if (day.status() == DayStatus.COMPLETED && day.runNo() > 1) {
      Set<String> now =
          items(run, day.runNo(), Integer.MAX_VALUE).stream()
              .map(ReconciliationView.Item::key)
              .collect(Collectors.toSet());
      resolvedSince =
          items(run, day.runNo() - 1, REPORT_LIMIT).stream()
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
  public List<ReconciliationView.Item> discrepancies(
      String mchId, String billDate, long afterId, int max) {
    if (max < 1 || max > REPORT_LIMIT) {
      throw new PayDeskException(ErrorCode.INVALID_REQUEST, "max is 1 to " + REPORT_LIMIT);
    }
    ReconciliationDay day = reconciled(mchId, billDate);
    return em
        .createQuery(
            "SELECT d FROM Discrepancy d WHERE d.mchId = :mchId AND d.billDate = :date"
                + " AND d.runNo = :run AND d.id > :after ORDER BY d.id",
            Discrepancy.class)
        .setParameter("mchId", day.mchId())
        .setParameter("date", day.billDate())
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
    if (d == null || !staff.callerMaySee(d.mchId())) {
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
                + " mchId="
                + d.mchId()
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

  /**
   * The merchant a call is about: the one named, if the caller may see it; none named, the first
   * merchant (for staff limited to some merchants, the first of theirs).
   *
   * @throws PayDeskException MERCHANT_NOT_FOUND for a merchant PayDesk does not have or the caller
   *     may not see (the same answer: a limited caller learns nothing of the others);
   *     INVALID_REQUEST when none is named and there is no first merchant
   */
  private String merchant(String mchId) {
    Set<String> allowed = staff.callerMerchants();
    if (mchId == null || mchId.isBlank()) {
      Optional<String> first = merchants.first().map(MerchantView::mchId);
      if (allowed.isEmpty() || first.filter(allowed::contains).isPresent()) {
        return first.orElseThrow(
            () ->
                new PayDeskException(
                    ErrorCode.INVALID_REQUEST, "name the merchant (merchant=<mch_id>)"));
      }
      return new TreeSet<>(allowed).first();
    }
    String named = mchId.strip();
    if ((!allowed.isEmpty() && !allowed.contains(named)) || merchants.lookup(named).isEmpty()) {
      throw new PayDeskException(ErrorCode.MERCHANT_NOT_FOUND, "no merchant " + named);
    }
    return named;
  }

  /**
   * One merchant's date, without its discrepancies (null merchant: the first, or the caller's own).
   *
   * @throws PayDeskException as {@link #report}
   */
  @RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public ReconciliationView.Day day(String mchId, String billDate) {
    return ReconciliationView.Day.of(reconciled(mchId, billDate));
  }

  /** The merchant's reconciled day, or RECONCILIATION_NOT_FOUND. */
  private ReconciliationDay reconciled(String mchId, String billDate) {
    String merchant = merchant(mchId);
    LocalDate date = parse(billDate);
    return store
        .find(merchant, date)
        .orElseThrow(
            () ->
                new PayDeskException(
                    ErrorCode.RECONCILIATION_NOT_FOUND,
                    date + " has not been reconciled for merchant " + merchant));
  }

  private List<ReconciliationView.Item> items(ReconciliationStore.Run day, int runNo, int max) {
    return em
        .createQuery(
            "SELECT d FROM Discrepancy d WHERE d.mchId = :mchId AND d.billDate = :date"
                + " AND d.runNo = :run ORDER BY d.id",
            Discrepancy.class)
        .setParameter("mchId", day.mchId())
        .setParameter("date", day.billDate())
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
