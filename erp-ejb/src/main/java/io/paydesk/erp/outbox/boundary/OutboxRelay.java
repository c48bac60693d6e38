package io.paydesk.erp.outbox.boundary;

import io.paydesk.erp.messaging.Jms;
import io.paydesk.erp.outbox.control.OutboxPublisher;
import io.paydesk.erp.outbox.control.OutboxStore;
import io.paydesk.erp.outbox.entity.PendingEvent;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.job.boundary.JobLease;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.time.Duration;
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

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "outbox relay")
  public void everySecond() {
    relayPending();
  }

  /** Wakes the relay without waiting for the next tick. */
  @Asynchronous
  public void wake() {
    relayPending();
  }

  /**
   * Publishes everything committed and unsent, batch by batch. If a pass is already running here,
   * it is asked to go round once more instead. Answers how many events this call published.
   */
  public int relayPending() {
    schema.version();
    again.set(true);
    if (!running.compareAndSet(false, true)) {
      return 0;
    }
    int published = 0;
    try {
      while (again.getAndSet(false)) {
        if (!lease.tryAcquire(LEASE, LEASE_TIME)) {
          return published;
        }
        int sent;
        do {
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
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "outbox relay pass failed, retrying next tick error={0}", e.toString());
    } finally {
      running.set(false);
    }
    return published;
  }
}
