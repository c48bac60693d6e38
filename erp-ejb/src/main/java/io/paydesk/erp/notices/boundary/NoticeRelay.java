package io.paydesk.erp.notices.boundary;

import io.paydesk.erp.notices.control.FeieyunPrinter;
import io.paydesk.erp.notices.control.NoticeSettings;
import io.paydesk.erp.notices.control.NoticeStore;
import io.paydesk.erp.notices.control.OutboundHttp;
import io.paydesk.erp.notices.control.WeComRobot;
import io.paydesk.erp.notices.entity.Channel;
import io.paydesk.erp.notices.entity.SendOutcome;
import io.paydesk.platform.database.boundary.SchemaMigration;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The relay of the staff notices: every {@code paydesk.notices.interval} it sends the due WeCom
 * alerts and Feieyun tickets and records each answer on the notice. One that was not taken (no
 * answer, HTTP 5xx, rate limited) goes back on {@code paydesk.notices.backoff}, whose last step
 * repeats for as long as it takes: an outage delays a notice and never loses it. After such an
 * answer the pass sends nothing more to that channel (the others wait, untried, for the next pass),
 * so that a backlog does not hammer a robot that is down or rate limited. One pass at a time, on
 * one node (the {@code staff-notices} lease). A crash between a channel's answer and its recording
 * sends that one notice again (at least once).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: its timer runs with no caller; it only sends notices that committed and records the
// answers.
@PermitAll
public class NoticeRelay {

  static final String LEASE = "staff-notices";
  private static final int BATCH = 100;
  private static final Logger LOG = Logger.getLogger(NoticeRelay.class.getName());

  @EJB SchemaMigration schema;
  @EJB JobLease lease;
  @EJB NoticeStore store;

  private final Pass pass = new Pass(LEASE);
  private volatile String lastSettings = "";

  /** Ticks every second; a pass runs once {@code paydesk.notices.interval} has gone by. */
  @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "staff notices")
  void tick() {
    schema.version();
    NoticeSettings settings = settings();
    if (settings != null) {
      pass.tick(settings.interval(), lease, chores(settings));
    }
  }

  /** One pass now; answers how many notices it looked at. */
  public int pass() {
    schema.version();
    NoticeSettings settings = settings();
    return settings == null ? 0 : pass.run(settings.interval(), lease, chores(settings));
  }

  private List<Chore> chores(NoticeSettings settings) {
    Set<Channel> resting = EnumSet.noneOf(Channel.class);
    return List.of(
        new Chore(
            "notice",
            () -> store.due(Instant.now(), BATCH),
            id -> send(Long.parseLong(id), settings, resting),
            (id, why) -> putBack(Long.parseLong(id), settings, why)));
  }

  private void send(long id, NoticeSettings settings, Set<Channel> resting) {
    var pending = store.pending(id, Instant.now()).orElse(null);
    if (pending == null || resting.contains(pending.channel())) {
      return;
    }
    SendOutcome outcome;
    if (pending.channel() == Channel.WECOM) {
      if (settings.webhook().isEmpty()) {
        store.dropped(id, "not sent: WeCom alerts are off (paydesk.alerts.wecom.webhook)");
        return;
      }
      outcome =
          WeComRobot.send(
              OutboundHttp.client(settings),
              settings.webhook().get(),
              pending.content(),
              settings.timeout());
    } else {
      if (settings.printer().isEmpty()) {
        store.dropped(id, "not printed: printing is off (paydesk.printing.feieyun.enabled)");
        return;
      }
      outcome =
          FeieyunPrinter.print(
              OutboundHttp.client(settings),
              settings.printer().get(),
              pending.content(),
              Instant.now(),
              settings.timeout());
    }
    if (outcome instanceof SendOutcome.Retry) {
      resting.add(pending.channel());
    }
    Instant now = Instant.now();
    store.answered(id, outcome, now, settings.backoff().next(pending.attempts(), now));
    LOG.info(
        () ->
            "staff notice id="
                + id
                + " channel="
                + pending.channel()
                + " topic="
                + pending.topic()
                + " subject="
                + pending.subject()
                + " attempt="
                + (pending.attempts() + 1)
                + " outcome="
                + outcome.getClass().getSimpleName()
                + " answer="
                + outcome.answer());
  }

  private void putBack(long id, NoticeSettings settings, String why) {
    store.putBack(id, settings.backoff().next(store.attempts(id), Instant.now()), why);
  }

  private NoticeSettings settings() {
    try {
      NoticeSettings settings = NoticeSettings.read();
      String said = settings.toString();
      if (!said.equals(lastSettings)) {
        lastSettings = said;
        LOG.info(() -> "staff notices " + said);
      }
      return settings;
    } catch (RuntimeException e) {
      LOG.warning(() -> "staff notices not sent, their settings are wrong: " + e.getMessage());
      return null;
    }
  }
}
