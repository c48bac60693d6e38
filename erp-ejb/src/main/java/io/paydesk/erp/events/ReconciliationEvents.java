package io.paydesk.erp.events;

import io.paydesk.erp.outbox.control.Outbox;
import io.paydesk.erp.outbox.entity.EventHeader;
import io.paydesk.reconciliation.boundary.ReconciliationCompleted;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A completed reconciliation becomes the ERP's {@code ReconciliationCompleted} event, in the
 * transaction that completes the run. Its aggregate is the bill date, so the runs of one date
 * arrive in order.
 */
@ApplicationScoped
public class ReconciliationEvents {

  static final String RECONCILIATION = "Reconciliation";

  @EJB Outbox outbox;

  void completed(@Observes ReconciliationCompleted e) {
    outbox.append(
        new EventHeader(
            "ReconciliationCompleted", 1, RECONCILIATION, e.billDate(), e.completedAt()),
        e);
  }
}
