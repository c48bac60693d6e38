package io.paydesk.reconciliation.boundary;

import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.job.boundary.JobLease;
import io.paydesk.platform.job.boundary.Pass;
import io.paydesk.reconciliation.control.JobRun;
import io.paydesk.reconciliation.control.ReconciliationSettings;
import io.paydesk.reconciliation.control.ReconciliationStore;
import io.paydesk.wechatpay.BeijingTime;
import jakarta.annotation.security.PermitAll;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts reconciliation jobs, on one node at a time (the {@code reconciliation} lease): every five
 * seconds it queues the previous day of every merchant (one bill per merchant per day) once {@code
 * paydesk.reconciliation.daily-at} (Beijing time, default 10:30) has passed, starts queued dates,
 * retries waiting ones when due (bill not ready, a run that broke off), and resumes runs whose node
 * is gone — after PayDesk stopped mid-run, the restarted node picks its run up after the last
 * committed chunk.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: its timer runs with no caller; staff start runs through ReconciliationService.
@PermitAll
public class ReconciliationScheduler {

  static final String LEASE = "reconciliation";
  static final String SCHEDULE = "schedule";
  private static final Duration TICK = Duration.ofSeconds(5);
  private static final Logger LOG = Logger.getLogger(ReconciliationScheduler.class.getName());

  @EJB SchemaMigration schema;
  @EJB JobLease lease;
  @EJB ReconciliationStore store;
  @EJB ReconciliationSettings settings;
  @EJB MerchantRegistry merchants;

  /** Whether this node gave the rows of before several merchants to the first merchant. */
  private volatile boolean adopted;

  private final Pass pass = new Pass(LEASE);

  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "reconciliation")
  void tick() {
    schema.version();
    pass.tick(TICK, lease, this::work);
  }

  /** A pass soon, outside the caller's transaction (after staff queued a date). */
  @Asynchronous
  public void soon() {
    pass.run(TICK, lease, this::work);
  }

  private int work() {
    Instant now = Instant.now();
    if (!adopted) {
      merchants
          .first()
          .ifPresent(
              first -> {
                int rows = store.adopt(first.mchId());
                if (rows > 0) {
                  LOG.info(
                      () ->
                          "reconciliation rows of before several merchants given to the first"
                              + " merchant mchId="
                              + first.mchId()
                              + " rows="
                              + rows);
                }
                adopted = true;
              });
    }
    settings
        .dailyAt()
        .ifPresent(
            at -> {
              LocalDateTime beijing = LocalDateTime.ofInstant(now, BeijingTime.OFFSET);
              if (!beijing.toLocalTime().isBefore(at)) {
                var yesterday = beijing.toLocalDate().minusDays(1);
                // one bill per merchant per day; a disabled merchant's day too (its old orders)
                for (MerchantView merchant : merchants.all()) {
                  if (store.queueIfNew(merchant.mchId(), yesterday, SCHEDULE, now)) {
                    LOG.info(
                        () ->
                            "reconciliation scheduled mchId="
                                + merchant.mchId()
                                + " billDate="
                                + yesterday);
                  }
                }
              }
            });
    int started = 0;
    for (ReconciliationStore.Run run : store.claimDue(JobLease.NODE, now)) {
      try {
        JobOperator jobs = BatchRuntime.getJobOperator();
        long execution = jobs.start(JobRun.JOB, JobRun.parameters(run, settings.chunkSize()));
        LOG.info(
            () ->
                "reconciliation job started billDate="
                    + run.billDate()
                    + " mchId="
                    + run.mchId()
                    + " runNo="
                    + run.runNo()
                    + " execution="
                    + execution);
        started++;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "reconciliation job not started run=" + run, e);
        store.breakOff(run, settings.nextTry(run.key()), "job not started: " + e);
      }
    }
    return started;
  }
}
