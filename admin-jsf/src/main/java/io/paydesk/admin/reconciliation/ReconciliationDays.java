package io.paydesk.admin.reconciliation;

import io.paydesk.admin.Feedback;
import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.platform.staff.boundary.StaffService;
import io.paydesk.reconciliation.boundary.ReconciliationService;
import io.paydesk.reconciliation.boundary.ReconciliationView;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The reconciled days with their figures, and starting (or rerunning) a date of the last three
 * months (FINANCE, ADMIN). One bill per merchant per day: with several merchants the page filters
 * the days by merchant and starts the chosen merchant's date. The boundary checks the date, the
 * role and the merchants the caller may see; this bean shows its answer.
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
  @EJB MerchantRegistry registry;
  @EJB StaffService staff;

  private transient List<ReconciliationView.Day> days;
  private transient List<MerchantView> merchants;
  private LocalDate date;
  private String merchant;

  public List<ReconciliationView.Day> getDays() {
    if (days == null) {
      days = reconciliation.days(merchant, DAYS_SHOWN);
    }
    return days;
  }

  /** The merchants the caller may see (the filter and the merchant column show when several). */
  public List<MerchantView> getMerchants() {
    if (merchants == null) {
      Set<String> allowed = staff.callerMerchants();
      merchants =
          registry.list().stream()
              .filter(m -> allowed.isEmpty() || allowed.contains(m.mchId()))
              .toList();
    }
    return merchants;
  }

  public boolean isSeveralMerchants() {
    return getMerchants().size() > 1;
  }

  /** Shows the chosen merchant's days (all of them for none). */
  public void filter() {
    days = null;
  }

  public String getMerchant() {
    return merchant;
  }

  public void setMerchant(String merchant) {
    this.merchant = merchant == null || merchant.isBlank() ? null : merchant;
  }

  /** Starts the chosen date; stays on the page with a message. */
  public void start() {
    if (date == null) {
      Feedback.error("recon.chooseDate");
      return;
    }
    ReconciliationView.Day day =
        Feedback.call(() -> reconciliation.start(merchant, date.toString()), null);
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
