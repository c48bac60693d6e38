package io.paydesk.refund.boundary;

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
import java.util.List;

/**
 * Finance's work lists: refunds waiting for a first or second approval (oldest first), and refunds
 * that failed (newest first), each with its history. Reads only; FINANCE and ADMIN.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
@RolesAllowed({Role.FINANCE_NAME, Role.ADMIN_NAME})
public class RefundQueue {

  static final int MAX_ROWS = 200;

  @PersistenceContext(unitName = "refund")
  EntityManager em;

  @EJB StaffService staff;

  /** Refunds waiting for an approval, the longest waiting first. */
  public List<RefundView> awaitingApproval() {
    return limited(
            "SELECT r FROM Refund r WHERE r.status IN :waiting%s ORDER BY r.requestedAt, r.id")
        .setParameter(
            "waiting", List.of(RefundStatus.PENDING_APPROVAL, RefundStatus.PENDING_SECOND_APPROVAL))
        .setMaxResults(MAX_ROWS)
        .getResultStream()
        .map(RefundView::of)
        .toList();
  }

  /** Refunds that failed, the latest first: what WeChat said is in {@code lastOutcome}. */
  public List<RefundView> failed() {
    return limited(
            "SELECT r FROM Refund r WHERE r.status = :failed%s"
                + " ORDER BY r.requestedAt DESC, r.id DESC")
        .setParameter("failed", RefundStatus.FAILED)
        .setMaxResults(MAX_ROWS)
        .getResultStream()
        .map(RefundView::of)
        .toList();
  }

  /**
   * The query with {@code %s} replaced by the caller's merchants: staff limited to some merchants
   * see only their refunds.
   */
  private jakarta.persistence.TypedQuery<Refund> limited(String jpql) {
    java.util.Set<String> allowed = staff.callerMerchants();
    if (allowed.isEmpty()) {
      return em.createQuery(jpql.formatted(""), Refund.class);
    }
    return em.createQuery(jpql.formatted(" AND r.mchId IN :merchants"), Refund.class)
        .setParameter("merchants", allowed);
  }
}
