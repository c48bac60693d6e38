package io.paydesk.payment.boundary;

import io.paydesk.gateway.boundary.WeChatMiniProgram;
import io.paydesk.gateway.entity.ShippingUploadOutcome;
import io.paydesk.payment.control.ShippingUploads;
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
 * The relay of the shipping-information outbox: every {@code paydesk.shipping-info.interval} it
 * uploads the shipments whose upload is due to WeChat (小程序发货信息管理服务) and records each answer.
 * Transient trouble (WeChat down, no answer, busy, a payment not indexed yet) puts an upload back
 * on {@code paydesk.shipping-info.backoff}, whose last step repeats for as long as it takes: an
 * outage delays an upload and never loses it. One pass at a time, on one node (the {@code
 * shipping-upload} lease).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: its timer runs with no caller; it only sends what was shipped and records the answers.
@PermitAll
public class ShippingInfoUploader {

  static final String LEASE = "shipping-upload";
  private static final int BATCH = 100;

  @EJB SchemaMigration schema;
  @EJB JobLease lease;
  @EJB ShippingUploads uploads;
  @EJB WeChatMiniProgram wechat;

  @Inject
  @ConfigProperty(name = "paydesk.shipping-info.interval", defaultValue = "PT10S")
  Duration interval;

  @Inject
  @ConfigProperty(name = "paydesk.shipping-info.backoff", defaultValue = "PT30S,PT2M,PT10M,PT1H")
  String backoffSetting;

  private final Pass pass = new Pass(LEASE);

  /** Ticks every second; a pass runs once {@code paydesk.shipping-info.interval} has gone by. */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "shipping info")
  void tick() {
    schema.version();
    pass.tick(interval, lease, chores());
  }

  /** One pass now; answers how many uploads it looked at. */
  public int pass() {
    schema.version();
    return pass.run(interval, lease, chores());
  }

  private List<Chore> chores() {
    return List.of(
        new Chore("orderNo", () -> uploads.due(Instant.now(), BATCH), this::upload, this::putBack));
  }

  private void upload(String orderNo) {
    var pending = uploads.pending(orderNo, Instant.now()).orElse(null);
    if (pending == null) {
      return;
    }
    ShippingUploadOutcome outcome = wechat.upload(pending.report());
    Instant now = Instant.now();
    uploads.answered(orderNo, outcome, now, backoff().next(pending.attempts(), now));
  }

  private void putBack(String orderNo, String why) {
    uploads
        .pending(orderNo, Instant.MAX)
        .ifPresent(p -> uploads.putBack(orderNo, backoff().next(p.attempts(), Instant.now()), why));
  }

  private Backoff backoff() {
    return Backoff.parse(backoffSetting);
  }
}
