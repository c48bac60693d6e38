package io.paydesk.refund.boundary;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.boundary.StaffService;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.refund.entity.Refund;
import io.paydesk.refund.entity.RefundStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Refunds for finance's lists and exports: one page of refunds matching the criteria, newest first,
 * and where the next page starts — a seek on {@code (requested_at, out_refund_no)}, never an
 * offset, so that reading page after page of a year costs the same for each page. Reads only,
 * outside any transaction (nothing stays in a persistence context between pages); FINANCE and
 * ADMIN.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
@RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
public class RefundSearch {

  public static final int MAX_PAGE_SIZE = 500;

  @PersistenceContext(unitName = "refund")
  EntityManager em;

  @EJB StaffService staff;

  /**
   * What finance looks for; every filter is optional (null).
   *
   * @param requestedFrom inclusive
   * @param requestedTo exclusive
   * @param after where the previous page ended (null: the first page)
   */
  public record Criteria(
      RefundStatus status,
      Instant requestedFrom,
      Instant requestedTo,
      String orderNo,
      Cursor after,
      int pageSize)
      implements Serializable {

    public Criteria {
      orderNo = orderNo == null || orderNo.isBlank() ? null : orderNo.strip();
      if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw invalid("pageSize is 1 to " + MAX_PAGE_SIZE);
      }
      if (requestedFrom != null && requestedTo != null && !requestedFrom.isBefore(requestedTo)) {
        throw invalid("the date range ends before it starts");
      }
    }

    /** The same filters, continuing after {@code cursor}. */
    public Criteria after(Cursor cursor) {
      return new Criteria(status, requestedFrom, requestedTo, orderNo, cursor, pageSize);
    }
  }

  /** Where a page ended: its last row's sort key. */
  public record Cursor(Instant requestedAt, String outRefundNo) implements Serializable {}

  /** A refund as a list or an export shows it (no history). Amounts in fen. */
  public record Row(
      String outRefundNo,
      String orderNo,
      String outTradeNo,
      long amount,
      RefundStatus status,
      String reason,
      String requestedBy,
      Instant requestedAt,
      List<String> approvers,
      String refundId,
      Instant refundedAt,
      String lastOutcome,
      String offlineMethod,
      String offlineReference)
      implements Serializable {

    static Row of(Refund r) {
      var offline = r.offlineSettlement();
      return new Row(
          r.outRefundNo(),
          r.orderNo(),
          r.outTradeNo(),
          r.amount(),
          r.status(),
          r.reason(),
          r.requestedBy(),
          r.requestedAt(),
          r.approvers(),
          r.refundId(),
          r.refundedAt(),
          r.lastOutcome(),
          offline == null ? null : offline.method().name(),
          offline == null ? null : offline.reference());
    }
  }

  /** One page and where the next starts (null on the last page, found by reading one row more). */
  public record Page(List<Row> rows, Cursor next) implements Serializable {}

  public Page search(Criteria criteria) {
    StringBuilder jpql = new StringBuilder("SELECT r FROM Refund r WHERE 1 = 1");
    Set<String> allowed = staff.callerMerchants();
    if (!allowed.isEmpty()) {
      // staff limited to some merchants: the others' refunds are not in the answer
      jpql.append(" AND r.mchId IN :merchants");
    }
    if (criteria.status() != null) {
      jpql.append(" AND r.status = :status");
    }
    if (criteria.requestedFrom() != null) {
      jpql.append(" AND r.requestedAt >= :from");
    }
    if (criteria.requestedTo() != null) {
      jpql.append(" AND r.requestedAt < :to");
    }
    if (criteria.orderNo() != null) {
      jpql.append(" AND r.orderNo = :orderNo");
    }
    if (criteria.after() != null) {
      jpql.append(
          " AND (r.requestedAt < :afterAt OR (r.requestedAt = :afterAt AND r.outRefundNo < :afterNo))");
    }
    jpql.append(" ORDER BY r.requestedAt DESC, r.outRefundNo DESC");
    TypedQuery<Refund> query = em.createQuery(jpql.toString(), Refund.class);
    if (!allowed.isEmpty()) {
      query.setParameter("merchants", allowed);
    }
    if (criteria.status() != null) {
      query.setParameter("status", criteria.status());
    }
    if (criteria.requestedFrom() != null) {
      query.setParameter("from", criteria.requestedFrom().atOffset(ZoneOffset.UTC));
    }
    if (criteria.requestedTo() != null) {
      query.setParameter("to", criteria.requestedTo().atOffset(ZoneOffset.UTC));
    }
    if (criteria.orderNo() != null) {
      query.setParameter("orderNo", criteria.orderNo());
    }
    if (criteria.after() != null) {
      query.setParameter("afterAt", criteria.after().requestedAt().atOffset(ZoneOffset.UTC));
      query.setParameter("afterNo", criteria.after().outRefundNo());
    }
    List<Refund> found = query.setMaxResults(criteria.pageSize() + 1).getResultList();
    List<Row> rows = new ArrayList<>(Math.min(found.size(), criteria.pageSize()));
    for (int i = 0; i < found.size() && i < criteria.pageSize(); i++) {
      rows.add(Row.of(found.get(i)));
    }
    Cursor next = null;
    if (found.size() > criteria.pageSize()) {
      Row last = rows.get(rows.size() - 1);
      next = new Cursor(last.requestedAt(), last.outRefundNo());
    }
    return new Page(rows, next);
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }
}
