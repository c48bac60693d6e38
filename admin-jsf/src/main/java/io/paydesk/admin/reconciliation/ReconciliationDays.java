package io.paydesk.admin.reconciliation;

import io.paydesk.reconciliation.boundary.ReconciliationService;
import io.paydesk.reconciliation.boundary.ReconciliationView;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The list of reconciled days, and starting (or rerunning) a date. */
@Named
@ViewScoped
public class ReconciliationDays implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB ReconciliationService reconciliation;

  private List<ReconciliationView.Day> days;
  private String date;

  public List<ReconciliationView.Day> getDays() {
    if (days == null) {
      days = reconciliation.days(90);
    }
    return days;
  }

  public String getDate() {
    return date;
  }

  public void setDate(String date) {
    this.date = date;
  }

  /** Starts the date typed in; stays on the page with a message. */
  public void start() {
    try {
      ReconciliationView.Day day = reconciliation.start(date);
      Messages.info("reconciliation of " + day.billDate() + " queued (run " + day.runNo() + ")");
      days = null;
    } catch (RuntimeException e) {
      if (!Messages.show(e)) {
        throw e;
      }
    }
  }

  /** Yuan with two decimals, for a fen amount. */
  public String yuan(long fen) {
    return io.paydesk.wechatpay.Yuan.fromFen(fen);
  }
}
