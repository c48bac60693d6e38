package io.paydesk.refund.boundary;

import io.paydesk.platform.staff.entity.Role;
import io.paydesk.refund.entity.Refund;
import io.paydesk.refund.entity.RefundStatus;
import jakarta.annotation.security.RolesAllowed;
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

  /** Refunds waiting for an approval, the longest waiting first. */
  public List<RefundView> awaitingApproval() {
    return em.createQuery(
            "SELECT r FROM Refund r WHERE r.status IN :waiting ORDER BY r.requestedAt, r.id",
            Refund.class)
        .setParameter(
            "waiting", List.of(RefundStatus.PENDING_APPROVAL, RefundStatus.PENDING_SECOND_APPROVAL))
        .setMaxResults(MAX_ROWS)
        .getResultStream()
        .map(RefundView::of)
        .toList();
  }

  /** Refunds that failed, the latest first: what WeChat said is in {@code lastOutcome}. */
  public List<RefundView> failed() {
    return em.createQuery(
            "SELECT r FROM Refund r WHERE r.status = :failed ORDER BY r.requestedAt DESC, r.id DESC",
            Refund.class)
        .setParameter("failed", RefundStatus.FAILED)
        .setMaxResults(MAX_ROWS)
        .getResultStream()
        .map(RefundView::of)
        .toList();
  }
}
