package io.paydesk.payment.boundary;

import io.paydesk.payment.control.PaymentRecords;
import io.paydesk.platform.database.SchemaMigration;
import io.paydesk.platform.lease.JobLease;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resolves what notifications did not: every {@code paydesk.janitor.interval} it asks WeChat about
 * attempts whose next check is due (on the configured backoff) and closes expired unpaid orders, at
 * WeChat first. One pass at a time, on one node at a time (the {@code payment-janitor} lease).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PaymentJanitor {

  static final String LEASE = "payment-janitor";
  private static final int BATCH = 200;
  private static final Logger LOG = Logger.getLogger(PaymentJanitor.class.getName());

  @EJB SchemaMigration schema;
  @EJB JobLease lease;
  @EJB PaymentRecords records;
  @EJB PaymentService payments;

  @Inject
  @ConfigProperty(name = "paydesk.janitor.interval", defaultValue = "PT30S")
  Duration interval;

  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Instant lastPass = Instant.EPOCH;

  /**
   * Ticks every second and runs a pass once {@code paydesk.janitor.interval} has gone by. (A
   * programmatic interval timer would need Payara's clustered timer store, which PayDesk switches
   * off on Payara Micro.)
   */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "payment janitor")
  void tick() {
    if (Instant.now().isAfter(lastPass.plus(interval))) {
      lastPass = Instant.now();
      pass();
    }
  }

  /** One pass; answers how many attempts and orders it looked at. */
  public int pass() {
    if (!running.compareAndSet(false, true)) {
      return 0;
    }
    int seen = 0;
    try {
      schema.version();
      if (!lease.tryAcquire(LEASE, interval.multipliedBy(4))) {
        return 0;
      }
      Instant now = Instant.now();
      for (String outTradeNo : records.dueAttempts(now, BATCH)) {
        payments.checkAttempt(outTradeNo);
        seen++;
      }
      for (String orderNo : records.expiredUnpaid(now, BATCH)) {
        payments.checkOrder(orderNo);
        seen++;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "payment janitor pass failed, retrying next interval", e);
    } finally {
      running.set(false);
    }
    return seen;
  }
}
