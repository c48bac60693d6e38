package io.paydesk.erp.outbox.boundary;

import io.paydesk.erp.events.PaymentEvents;
import io.paydesk.erp.outbox.entity.OutboxEvent;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * What the outbox holds about one order, for staff: each event the ERP was (or is about to be)
 * sent, in order, and when it left. Reads only.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class EventLog {

  @PersistenceContext(unitName = "erp")
  EntityManager em;

  /** An order's events, oldest first; {@code sentAt} null while it waits for the broker. */
  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
  public List<Entry> ofOrder(String orderNo) {
    return em.createNamedQuery(OutboxEvent.OF_AGGREGATE, OutboxEvent.class)
        .setParameter("type", PaymentEvents.ORDER)
        .setParameter("id", orderNo)
        .setMaxResults(500)
        .getResultStream()
        .map(Entry::of)
        .toList();
  }

  /** One outbox event as staff see it. */
  public record Entry(
      long seq,
      String eventId,
      String type,
      int version,
      Instant occurredAt,
      Instant sentAt,
      String payload) {

    static Entry of(OutboxEvent event) {
      var header = event.header();
      return new Entry(
          event.seq(),
          event.eventId(),
          header.type(),
          header.version(),
          header.occurredAt(),
          event.sentAt(),
          event.payload());
    }
  }
}
