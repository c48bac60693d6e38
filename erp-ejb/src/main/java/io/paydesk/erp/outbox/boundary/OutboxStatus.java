package io.paydesk.erp.outbox.boundary;

import io.paydesk.erp.outbox.control.OutboxStore;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** The outbox as pages see it: events not yet handed to the broker, and the oldest one's age. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
// Permitted: counts only (no event contents), for the readiness check, which has no caller.
@PermitAll
public class OutboxStatus {

  @EJB OutboxStore store;

  public OutboxStore.Backlog backlog() {
    return store.backlog();
  }
}
