package io.paydesk.refund.boundary;

import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.job.boundary.Backoff;
import io.paydesk.platform.job.boundary.Chore;
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
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves refunds along when nothing else does: every {@code paydesk.refund.janitor.interval} it
 * submits APPROVED refunds that are due (never sent, or sent with an unknown outcome, always with
 * their own out_refund_no) and asks WeChat about refunds PROCESSING since {@code
 * paydesk.refund.query-after}, then on the backoff. It only applies WeChat's answers: nothing is
 * marked refunded or failed by a local timer. One pass at a time, on one node at a time (the {@code
 * refund-janitor} lease). Each refund is a step of its own: one that throws is logged and put back
 * on the backoff ({@code paydesk.refund.backoff}), and the pass goes on with the next.
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

  @EJB SchemaMigration schema;
  @EJB JobLease lease;
  @EJB RefundRecords records;
  @EJB WeChatRefunds wechat;

  @Inject
  @ConfigProperty(name = "paydesk.refund.janitor.interval", defaultValue = "PT30S")
  Duration interval;

  @Inject
  @ConfigProperty(name = "paydesk.refund.backoff", defaultValue = "PT1M,PT5M,PT15M,PT1H")
  String backoffSetting;

  private final Pass pass = new Pass(LEASE);

  /** Ticks every second; a pass runs once {@code paydesk.refund.janitor.interval} has gone by. */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "refund janitor")
  void tick() {
    schema.version();
    pass.tick(interval, lease, chores());
  }

  /** One pass now; answers how many refunds it looked at. */
  public int pass() {
    schema.version();
    return pass.run(interval, lease, chores());
  }

  private List<Chore> chores() {
    return List.of(
        new Chore(
            "outRefundNo",
            () -> records.due(RefundStatus.APPROVED, Instant.now(), BATCH),
            wechat::submit,
            this::putBack),
        new Chore(
            "outRefundNo",
            () -> records.due(RefundStatus.PROCESSING, Instant.now(), BATCH),
            wechat::check,
            this::putBack));
  }

  private void putBack(String outRefundNo, String why) {
    records
        .state(outRefundNo)
        .ifPresent(
            state ->
                records.tryAgain(
                    outRefundNo,
                    Backoff.parse(backoffSetting).next(state.checks(), Instant.now()),
                    why));
  }
}
