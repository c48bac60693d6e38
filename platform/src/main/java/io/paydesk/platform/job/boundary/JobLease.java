package io.paydesk.platform.job.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A named lease in the database, so that background passes (the outbox relay, janitors) run on one
 * PayDesk node at a time. Taking a lease is one conditional update: it succeeds when the lease is
 * free, expired, or already held by the caller.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
// Permitted: the janitors' and the relay's timers take leases with no caller.
@PermitAll
public class JobLease {

  /** Identifies this node for as long as the application runs. */
  public static final String NODE = UUID.randomUUID().toString();

  /** ?1 this node, ?2 the new expiry, ?3 the lease's name, ?4 now. */
  static final String ACQUIRE =
      "UPDATE job_lease SET owner = ?1, expires_at = ?2"
          + " WHERE name = ?3 AND (owner IS NULL OR owner = ?1 OR expires_at < ?4)";

  /** ?1 the lease's name, ?2 this node. */
  static final String RELEASE =
      "UPDATE job_lease SET owner = NULL, expires_at = NULL WHERE name = ?1 AND owner = ?2";

  /**
   * Set once this node has given its leases up for good (it is stopping). Static: one per
   * deployment, as the application's classes are.
   */
  private static final AtomicBoolean RELEASED = new AtomicBoolean();

  @PersistenceContext(unitName = "platform")
  EntityManager em;

  /** Takes or renews the lease for {@code ttl}; false when another node holds it. */
  public boolean tryAcquire(String name, Duration ttl) {
    if (RELEASED.get()) {
      return false;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int updated =
        em.createNativeQuery(ACQUIRE)
            .setParameter(1, NODE)
            .setParameter(2, now.plus(ttl))
            .setParameter(3, name)
            .setParameter(4, now)
            .executeUpdate();
    return updated == 1;
  }

  /**
   * Whether this node has given its leases up for good (it is stopping): a holder that remembers
   * its lease's expiry instead of renewing it at every pass stops at once.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean released() {
    return RELEASED.get();
  }

  /** Gives the lease up early, if this node holds it. */
  public void release(String name) {
    em.createNativeQuery(RELEASE).setParameter(1, name).setParameter(2, NODE).executeUpdate();
  }

  /**
   * Gives up every lease this node holds and takes none again: called when the application stops,
   * so that another node takes over at its next tick. Answers how many leases were released.
   */
  public int releaseAll() {
    RELEASED.set(true);
    return em.createNativeQuery(
            "UPDATE job_lease SET owner = NULL, expires_at = NULL WHERE owner = ?1")
        .setParameter(1, NODE)
        .executeUpdate();
  }
}
