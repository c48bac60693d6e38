package io.paydesk.erp.notices.control;

import io.paydesk.erp.notices.entity.NoticeStatus;
import io.paydesk.erp.notices.entity.StaffNotice;
import io.paydesk.erp.notices.entity.Topic;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Writes staff notices in the caller's transaction, which must exist: the notice of a change
 * commits with the change, or not at all. A session bean so that its persistence unit is found in
 * its own module in the EAR (as {@code Outbox}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Notices {

  @PersistenceContext(unitName = "erp")
  EntityManager em;

  public StaffNotice append(StaffNotice notice) {
    em.persist(notice);
    return notice;
  }

  /**
   * Takes back the unsent notices of one topic about one subject, written earlier in this
   * transaction (a refund's "waiting for approval" alert when the policy approved it at once).
   */
  public int withdraw(Topic topic, String subject) {
    var unsent =
        em.createNamedQuery(StaffNotice.UNSENT_OF_SUBJECT, StaffNotice.class)
            .setParameter("topic", topic)
            .setParameter("subject", subject)
            .setParameter("pending", NoticeStatus.PENDING)
            .getResultList();
    unsent.forEach(em::remove);
    return unsent.size();
  }
}
