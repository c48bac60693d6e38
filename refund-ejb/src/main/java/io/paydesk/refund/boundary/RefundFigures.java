package io.paydesk.refund.boundary;

import io.paydesk.platform.staff.boundary.StaffService;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.refund.entity.RefundStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumSet;
import java.util.Set;

/** Figures for the staff dashboard: refunds waiting for an approver, and failed refunds. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
@RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
public class RefundFigures {

  @PersistenceContext(unitName = "refund")
  EntityManager em;

  @EJB StaffService staff;

  /** Refunds waiting for a first or a second approval. */
  public long waitingForApproval() {
    return count(EnumSet.of(RefundStatus.PENDING_APPROVAL, RefundStatus.PENDING_SECOND_APPROVAL));
  }

  /** Refunds that failed and need staff (NOTENOUGH, CHANGE, REFUNDCLOSE). */
  public long failed() {
    return count(EnumSet.of(RefundStatus.FAILED));
  }

  private long count(Set<RefundStatus> statuses) {
    Set<String> allowed = staff.callerMerchants();
    if (allowed.isEmpty()) {
      return em.createQuery("SELECT COUNT(r) FROM Refund r WHERE r.status IN :statuses", Long.class)
          .setParameter("statuses", statuses)
          .getSingleResult();
    }
    // staff limited to some merchants count their merchants' refunds only
    return em.createQuery(
            "SELECT COUNT(r) FROM Refund r WHERE r.status IN :statuses AND r.mchId IN :merchants",
            Long.class)
        .setParameter("statuses", statuses)
        .setParameter("merchants", allowed)
        .getSingleResult();
  }
}
