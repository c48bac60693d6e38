package io.paydesk.admin.dashboard;

import io.paydesk.admin.Format;
import io.paydesk.admin.Texts;
import io.paydesk.erp.outbox.boundary.OutboxStatus;
import io.paydesk.erp.outbox.control.OutboxStore;
import io.paydesk.payment.boundary.PaymentFigures;
import io.paydesk.payment.boundary.PaymentFigures.Day;
import io.paydesk.refund.boundary.RefundFigures;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard: today's payments (a Beijing day), refunds waiting and failed, the janitor's and
 * the outbox's backlog, and the last 30 days as bars (an SVG drawn on the server: no script, and it
 * prints). The figures come from the modules' boundaries.
 */
@Named
@RequestScoped
public class Dashboard {

  static final int DAYS = 30;
  static final int CHART_WIDTH = 600;
  static final int CHART_HEIGHT = 160;

  @EJB PaymentFigures payments;
  @EJB RefundFigures refunds;
  @EJB OutboxStatus outbox;

  private List<Day> days;
  private long refundsWaiting;
  private long refundsFailed;
  private long janitorBacklog;
  private OutboxStore.Backlog outboxBacklog;

  @PostConstruct
  void load() {
    days = payments.paidPerDay(DAYS);
    refundsWaiting = refunds.waitingForApproval();
    refundsFailed = refunds.failed();
    janitorBacklog = payments.janitorBacklog();
    outboxBacklog = outbox.backlog();
  }

  public Day getToday() {
    return days.get(days.size() - 1);
  }

  public String getTodayAmount() {
    return yuan(getToday().amount());
  }

  public long getRefundsWaiting() {
    return refundsWaiting;
  }

  public long getRefundsFailed() {
    return refundsFailed;
  }

  public long getJanitorBacklog() {
    return janitorBacklog;
  }

  public OutboxStore.Backlog getOutboxBacklog() {
    return outboxBacklog;
  }

  public List<Day> getDays() {
    return days;
  }

  /** One bar of the chart, in SVG user units (whole units: the amounts stay integer fen). */
  public record Bar(
      long x, long y, long width, long height, String label, String title, boolean labelled) {}

  public List<Bar> getBars() {
    long max = days.stream().mapToLong(Day::amount).max().orElse(0);
    long slot = CHART_WIDTH / days.size();
    long plot = CHART_HEIGHT - 20;
    List<Bar> bars = new ArrayList<>();
    DateTimeFormatter label = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
    for (int i = 0; i < days.size(); i++) {
      Day day = days.get(i);
      // scaled in integer fen: plot (140) times a day's amount stays far below Long.MAX_VALUE
      long height = max == 0 ? 0 : Math.max(day.amount() > 0 ? 1 : 0, plot * day.amount() / max);
      bars.add(
          new Bar(
              i * slot + 1,
              plot - height,
              slot - 2,
              height,
              day.date().format(label),
              Texts.get(
                  "dashboard.bar",
                  day.date().toString(),
                  String.valueOf(day.count()),
                  yuan(day.amount())),
              i % 5 == 0));
    }
    return bars;
  }

  public int getChartWidth() {
    return CHART_WIDTH;
  }

  public int getChartHeight() {
    return CHART_HEIGHT;
  }

  private static String yuan(long fen) {
    return Format.yuanOf(fen);
  }
}
