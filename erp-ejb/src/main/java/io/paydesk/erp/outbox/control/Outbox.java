package io.paydesk.erp.outbox.control;

import io.paydesk.erp.outbox.entity.EventHeader;
import io.paydesk.erp.outbox.entity.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Writes outgoing events in the caller's transaction. There must be one: an event without the
 * change it announces (or the reverse) is exactly what the outbox exists to prevent.
 */
@ApplicationScoped
public class Outbox {

  private static final Jsonb JSON = JsonbBuilder.create();

  @PersistenceContext(unitName = "erp")
  EntityManager em;

  @Inject Event<OutboxAppended> appended;

  @Transactional(TxType.MANDATORY)
  public OutboxEvent append(EventHeader header, Object body) {
    OutboxEvent event = new OutboxEvent(header, JSON.toJson(body));
    em.persist(event);
    appended.fire(new OutboxAppended(event.eventId()));
    return event;
  }
}
