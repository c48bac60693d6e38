package io.paydesk.erp.outbox.boundary;

import io.paydesk.erp.messaging.Jms;
import io.paydesk.erp.outbox.control.OutboxPublisher;
import io.paydesk.erp.outbox.control.OutboxStore;
import io.paydesk.erp.outbox.entity.PendingEvent;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.job.boundary.JobLease;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes committed outbox events to the broker, in order, and marks them sent.
 *
 * <p>It runs every second and right after a transaction that wrote events commits; one pass at a
 * time on this node, and on one node at a time (the {@code outbox-relay} lease). A broker outage
 * stops a pass at the first unsent event; the next pass starts there again, so nothing is lost or
 * reordered. The JMS resources PayDesk uses are declared here, their broker from configuration.
 */
@ConnectionFactoryDefinition(
    name = Jms.CONNECTION_FACTORY,
    interfaceName = "jakarta.jms.ConnectionFactory",
    resourceAdapter = Jms.RESOURCE_ADAPTER,
    transactionSupport = TransactionSupportLevel.XATransaction,
    minPoolSize = 0,
    maxPoolSize = 16,
    properties = {
      "ConnectorClassName=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory",
      "ConnectionParameters=host=${MPCONFIG=paydesk.jms.host};port=${MPCONFIG=paydesk.jms.port}",
      // the pool's own sign-on to the broker (container-managed)
      "UserName=${MPCONFIG=paydesk.jms.user}",
      "Password=${MPCONFIG=paydesk.jms.password}",
      // a dead connection is dropped from the pool rather than blocking a send while it reconnects
      "ReconnectAttempts=0",
      "CallTimeout=10000"
    })
@JMSDestinationDefinition(
    name = Jms.ERP_EVENTS,
    interfaceName = "jakarta.jms.Queue",
    resourceAdapter = Jms.RESOURCE_ADAPTER,
    properties = {"Address=${MPCONFIG=paydesk.erp.events-queue}"})
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: its timer and the relay trigger call it with no caller; it publishes what committed.
@PermitAll
public class OutboxRelay {

  static final String LEASE = "outbox-relay";
  private static final Duration LEASE_TIME = Duration.ofSeconds(30);
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

  @EJB SchemaMigration schema;
  @EJB JobLease lease;
  @EJB OutboxStore store;
  @EJB OutboxPublisher publisher;

  @Inject
  @ConfigProperty(name = "paydesk.outbox.batch-size", defaultValue = "100")
  int batchSize;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();

  /** Until when this node holds the lease for sure, without asking the database again. */
  private volatile Instant leaseHeldUntil = Instant.MIN;

  @Resource SessionContext context;

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "outbox relay")
  public void everySecond() {
    relayPending();
  }

  /**
   * Wakes the relay without waiting for the next tick; called after every commit that wrote events,
   * on the committing thread. A pass already running here goes round once more, and at most one
   * wake waits to run: under load the events of many commits go out in one pass (one select, one
   * broker commit, one mark) instead of one pass, or one queued asynchronous call, per commit.
   */
  public void wake() {
    again.set(true);
    if (!running.get() && wakeQueued.compareAndSet(false, true)) {
      context.getBusinessObject(OutboxRelay.class).wakeAsynchronously();
    }
  }

  /** The queued wake: runs a pass on the container's thread pool. */
  @Asynchronous
  public void wakeAsynchronously() {
    wakeQueued.set(false);
    relayPending();
  }

  /**
   * Publishes everything committed and unsent, batch by batch. If a pass is already running here,
   * it is asked to go round once more instead. Answers how many events this call published.
   */
  public int relayPending() {
    schema.version();
    again.set(true);
    int published = 0;
    // a wake that came while the last pass was ending finds it gone: go round again here
    while (again.get() && running.compareAndSet(false, true)) {
      try {
        published += passes();
      } catch (RuntimeException e) {
        leaseHeldUntil = Instant.MIN;
        LOG.log(
            Level.WARNING, "outbox relay pass failed, retrying next tick error={0}", e.toString());
        return published;
      } finally {
        running.set(false);
      }
    }
    return published;
  }

  private int passes() {
    int published = 0;
    while (again.getAndSet(false)) {
      int sent;
      do {
        if (!holdsLease()) {
          return published;
        }
        List<PendingEvent> batch = store.unsent(batchSize);
        List<String> ids = publisher.publish(batch);
        store.markSent(ids);
        sent = ids.size();
        published += sent;
        if (sent < batch.size()) {
          return published;
        }
      } while (sent == batchSize);
    }
    return published;
  }

  /**
   * Takes or renews the lease in the database only when a third of its time has passed since this
   * node last took it: a node that holds it knows for how long, and renewing at each pass (one more
   * transaction per pass) bought nothing but load. Another node sees it taken until it expires, as
   * before; once the node has given its leases up (it is stopping), it stops at once.
   */
  private boolean holdsLease() {
    Instant now = Instant.now();
    if (now.isBefore(leaseHeldUntil) && !lease.released()) {
      return true;
    }
    if (!lease.tryAcquire(LEASE, LEASE_TIME)) {
      leaseHeldUntil = Instant.MIN;
      return false;
    }
    leaseHeldUntil = now.plus(LEASE_TIME.dividedBy(3));
    return true;
  }
}
