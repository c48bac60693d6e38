package io.paydesk.payment.boundary;

import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Figures for the staff dashboard: payments per day (days are Beijing days, as WeChat's bill and
 * the shop count them) and the janitor's backlog. Each day is one indexed range query on {@code
 * orders.paid_at}; nothing counts the whole table.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
@RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
public class PaymentFigures {

  /** The shop's day: WeChat Pay works in China Standard Time. */
  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  @PersistenceContext(unitName = "payment")
  EntityManager em;

  @jakarta.ejb.EJB io.paydesk.platform.staff.boundary.StaffService staff;

  /** Orders paid on one Beijing day and their amount in fen. */
  public record Day(LocalDate date, long count, long amount) {}

  /** The last {@code days} Beijing days, oldest first, ending with today. */
  public List<Day> paidPerDay(int days) {
    LocalDate today = LocalDate.now(BEIJING);
    List<Day> result = new ArrayList<>();
    for (LocalDate day = today.minusDays(Math.max(1, days) - 1L);
        !day.isAfter(today);
        day = day.plusDays(1)) {
      result.add(paid(day));
    }
    return result;
  }

  /** Orders paid on a Beijing day. */
  public Day paid(LocalDate day) {
    // staff limited to some merchants count their merchants' orders only
    java.util.Set<String> allowed = staff.callerMerchants();
    var query =
        em.createQuery(
                "SELECT COUNT(o), COALESCE(SUM(o.amount), 0) FROM Order o"
                    + " WHERE o.paidAt >= :from AND o.paidAt < :to"
                    + (allowed.isEmpty() ? "" : " AND o.mchId IN :merchants"),
                Object[].class)
            .setParameter("from", day.atStartOfDay(BEIJING).toOffsetDateTime())
            .setParameter("to", day.plusDays(1).atStartOfDay(BEIJING).toOffsetDateTime());
    if (!allowed.isEmpty()) {
      query.setParameter("merchants", allowed);
    }
    Object[] row = query.getSingleResult();
    return new Day(day, ((Number) row[0]).longValue(), ((Number) row[1]).longValue());
  }

  /** Payment attempts still waiting for WeChat whose next query is due: the janitor's backlog. */
  public long janitorBacklog() {
    return em.createQuery(
            "SELECT COUNT(a) FROM PaymentAttempt a WHERE a.status IN :pending"
                + " AND a.nextCheckAt <= :now",
            Long.class)
        .setParameter("pending", EnumSet.of(AttemptStatus.NEW, AttemptStatus.OPEN))
        .setParameter("now", Instant.now().atOffset(ZoneOffset.UTC))
        .getSingleResult();
  }
}
