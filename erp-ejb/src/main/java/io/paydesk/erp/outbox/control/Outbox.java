package io.paydesk.erp.outbox.control;

import io.paydesk.erp.outbox.entity.EventHeader;
import io.paydesk.erp.outbox.entity.OutboxEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Writes outgoing events in the caller's transaction. There must be one: an event without the
 * change it announces (or the reverse) is exactly what the outbox exists to prevent.
 *
 * <p>A session bean, not a CDI bean, so that its persistence unit is found in its own module when
 * PayDesk is an EAR (a CDI bean would resolve it in the calling EJB's module).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Outbox {

  @PersistenceContext(unitName = "erp")
  EntityManager em;

  @Inject Event<OutboxAppended> appended;

  public OutboxEvent append(EventHeader header, Object body) {
    OutboxEvent event = new OutboxEvent(header, EventJson.write(body));
    em.persist(event);
    appended.fire(new OutboxAppended(event.eventId()));
    return event;
  }
}
