package io.paydesk.admin.reconciliation;

import io.paydesk.admin.Feedback;
import io.paydesk.reconciliation.boundary.ReconciliationService;
import io.paydesk.reconciliation.boundary.ReconciliationView;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The reconciled days with their figures, and starting (or rerunning) a date of the last three
 * months (FINANCE, ADMIN). The boundary checks the date and the role; this bean shows its answer.
 */
@Named
@ViewScoped
public class ReconciliationDays implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The days the list shows, most recent first. */
  static final int DAYS_SHOWN = 90;

  /** Bill dates are Beijing days. */
  static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

  @EJB ReconciliationService reconciliation;

  private transient List<ReconciliationView.Day> days;
  private LocalDate date;

  public List<ReconciliationView.Day> getDays() {
    if (days == null) {
      days = reconciliation.days(DAYS_SHOWN);
    }
    return days;
  }

  /** Starts the chosen date; stays on the page with a message. */
  public void start() {
    if (date == null) {
      Feedback.error("recon.chooseDate");
      return;
    }
    ReconciliationView.Day day = Feedback.call(() -> reconciliation.start(date.toString()), null);
    if (day != null) {
      Feedback.info("recon.queued", day.billDate(), String.valueOf(day.runNo()));
      days = null;
    }
  }

  public LocalDate getDate() {
    return date;
  }

  public void setDate(LocalDate date) {
    this.date = date;
  }

  /** The newest date that can be reconciled: yesterday... or today, Beijing time. */
  public LocalDate getLatest() {
    return LocalDate.now(BEIJING);
  }

  /** The oldest date WeChat still has a bill for. */
  public LocalDate getEarliest() {
    return LocalDate.now(BEIJING).minusMonths(3);
  }
}
