package io.paydesk.payment.boundary;

import io.paydesk.payment.control.PaymentRecords;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.job.boundary.JobLease;
import io.paydesk.platform.job.boundary.Pass;
import jakarta.annotation.security.PermitAll;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resolves what notifications did not: every {@code paydesk.janitor.interval} it asks WeChat about
 * attempts whose next check is due (on the configured backoff) and closes expired unpaid orders, at
 * WeChat first. One pass at a time, on one node at a time (the {@code payment-janitor} lease).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: its timer runs with no caller; it only asks WeChat and applies the answers.
@PermitAll
public class PaymentJanitor {

  static final String LEASE = "payment-janitor";
  private static final int BATCH = 200;

  @EJB SchemaMigration schema;
  @EJB JobLease lease;
  @EJB PaymentRecords records;
  @EJB PaymentService payments;

  @Inject
  @ConfigProperty(name = "paydesk.janitor.interval", defaultValue = "PT30S")
  Duration interval;

  private final Pass pass = new Pass(LEASE);

  /** Ticks every second; a pass runs once {@code paydesk.janitor.interval} has gone by. */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "payment janitor")
  void tick() {
    schema.version();
    pass.tick(interval, lease, this::work);
  }

  /** One pass now; answers how many attempts and orders it looked at. */
  public int pass() {
    schema.version();
    return pass.run(interval, lease, this::work);
  }

  private int work() {
    int seen = 0;
    Instant now = Instant.now();
    for (String outTradeNo : records.dueAttempts(now, BATCH)) {
      payments.checkAttempt(outTradeNo);
      seen++;
    }
    for (String orderNo : records.expiredUnpaid(now, BATCH)) {
      payments.checkOrder(orderNo);
      seen++;
    }
    return seen;
  }
}
