package io.paydesk.refund.boundary;

import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.job.boundary.JobLease;
import io.paydesk.platform.job.boundary.Pass;
import io.paydesk.refund.control.RefundRecords;
import io.paydesk.refund.control.WeChatRefunds;
import io.paydesk.refund.entity.RefundStatus;
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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves refunds along when nothing else does: every {@code paydesk.refund.janitor.interval} it
 * submits APPROVED refunds that are due (never sent, or sent with an unknown outcome, always with
 * their own out_refund_no) and asks WeChat about refunds PROCESSING since {@code
 * paydesk.refund.query-after}, then on the backoff. It only applies WeChat's answers: nothing is
 * marked refunded or failed by a local timer. One pass at a time, on one node at a time (the {@code
 * refund-janitor} lease).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: its timer runs with no caller; it submits approved refunds and applies WeChat's
// answers.
@PermitAll
public class RefundJanitor {

  static final String LEASE = "refund-janitor";
  private static final int BATCH = 200;
  private static final Logger LOG = Logger.getLogger(RefundJanitor.class.getName());

  @EJB SchemaMigration schema;
  @EJB JobLease lease;
  @EJB RefundRecords records;
  @EJB WeChatRefunds wechat;

  @Inject
  @ConfigProperty(name = "paydesk.refund.janitor.interval", defaultValue = "PT30S")
  Duration interval;

  private final Pass pass = new Pass(LEASE);

  /** Ticks every second; a pass runs once {@code paydesk.refund.janitor.interval} has gone by. */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "refund janitor")
  void tick() {
    schema.version();
    pass.tick(interval, lease, this::work);
  }

  /** One pass now; answers how many refunds it looked at. */
  public int pass() {
    schema.version();
    return pass.run(interval, lease, this::work);
  }

  private int work() {
    int seen = 0;
    Instant now = Instant.now();
    for (String outRefundNo : records.due(RefundStatus.APPROVED, now, BATCH)) {
      step(() -> wechat.submit(outRefundNo), outRefundNo);
      seen++;
    }
    for (String outRefundNo : records.due(RefundStatus.PROCESSING, now, BATCH)) {
      step(() -> wechat.check(outRefundNo), outRefundNo);
      seen++;
    }
    return seen;
  }

  /** One refund's trouble does not stop the pass for the others. */
  private static void step(Runnable work, String outRefundNo) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "refund janitor step failed outRefundNo=" + outRefundNo, e);
    }
  }
}
