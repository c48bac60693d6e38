package io.paydesk.erp.outbox.boundary;

import io.paydesk.erp.outbox.control.OutboxAppended;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** Wakes the relay once a transaction that wrote outbox events has committed. */
@ApplicationScoped
// Permitted: it only wakes the relay after a commit; it takes nothing from a caller.
@PermitAll
public class RelayTrigger {

  @EJB OutboxRelay relay;

  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
    relay.wake();
  }
}
