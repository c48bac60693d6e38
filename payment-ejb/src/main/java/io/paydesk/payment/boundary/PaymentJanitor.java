package io.paydesk.payment.boundary;

import io.paydesk.payment.control.PaymentRecords;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.job.boundary.Backoff;
import io.paydesk.platform.job.boundary.Chore;
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
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resolves what notifications did not: every {@code paydesk.janitor.interval} it asks WeChat about
 * attempts whose next check is due (on the configured backoff) and closes expired unpaid orders, at
 * WeChat first. One pass at a time, on one node at a time (the {@code payment-janitor} lease). Each
 * attempt and order is a step of its own: one that throws is logged and put back on the backoff
 * ({@code paydesk.janitor.backoff}), and the pass goes on with the next.
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

  @Inject
  @ConfigProperty(name = "paydesk.janitor.backoff", defaultValue = "PT1M,PT5M,PT15M,PT1H")
  String backoffSetting;

  private final Pass pass = new Pass(LEASE);

  /** Ticks every second; a pass runs once {@code paydesk.janitor.interval} has gone by. */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "payment janitor")
  void tick() {
    schema.version();
    pass.tick(interval, lease, chores());
  }

  /** One pass now; answers how many attempts and orders it looked at. */
  public int pass() {
    schema.version();
    return pass.run(interval, lease, chores());
  }

  private List<Chore> chores() {
    return List.of(
        new Chore(
            "outTradeNo",
            () -> records.dueAttempts(Instant.now(), BATCH),
            payments::checkAttempt,
            this::putBackAttempt),
        new Chore(
            "orderNo",
            () -> records.expiredUnpaid(Instant.now(), BATCH),
            payments::checkOrder,
            this::putBackOrder));
  }

  private void putBackAttempt(String outTradeNo, String why) {
    records
        .state(outTradeNo)
        .ifPresent(
            state ->
                records.checkAgain(
                    outTradeNo,
                    Backoff.parse(backoffSetting).next(state.checks(), Instant.now()),
                    why));
  }

  /**
   * An order has no next-check time of its own: what fails in its step is asking WeChat about its
   * attempts, and those go back on their backoff. The order keeps its place in the expiry queue,
   * where it no longer holds up the orders behind it.
   */
  private void putBackOrder(String orderNo, String why) {
    for (String outTradeNo : records.attemptsOf(orderNo)) {
      putBackAttempt(outTradeNo, why);
    }
  }
}
