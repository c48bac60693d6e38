package io.paydesk.erp.outbox.control;

import io.paydesk.erp.outbox.entity.OutboxEvent;
import io.paydesk.erp.outbox.entity.PendingEvent;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The relay's reads and writes of the outbox, each in its own short transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxStore {

  @PersistenceContext(unitName = "erp")
  EntityManager em;

  /** The oldest unsent events, in publishing order. */
  public List<PendingEvent> unsent(int max) {
    return em.createNamedQuery(OutboxEvent.UNSENT, OutboxEvent.class)
        .setMaxResults(max)
        .getResultStream()
        .map(PendingEvent::of)
        .toList();
  }

  /** Marks events published; an event already marked stays as it was. */
  public int markSent(List<String> eventIds) {
    if (eventIds.isEmpty()) {
      return 0;
    }
    return em.createNamedQuery(OutboxEvent.MARK_SENT)
        .setParameter("ids", eventIds)
        .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
        .executeUpdate();
  }

  public Backlog backlog() {
    Object[] row = em.createNamedQuery(OutboxEvent.BACKLOG, Object[].class).getSingleResult();
    long count = ((Number) row[0]).longValue();
    OffsetDateTime oldest = (OffsetDateTime) row[1];
    long age = oldest == null ? 0 : Duration.between(oldest.toInstant(), Instant.now()).toSeconds();
    return new Backlog(count, age);
  }

  /** Unsent events and the age of the oldest. */
  public record Backlog(long count, long oldestAgeSeconds) {}
}
