package io.paydesk.admin.reconciliation;

import io.paydesk.admin.Downloads;
import io.paydesk.admin.Feedback;
import io.paydesk.export.Exports;
import io.paydesk.reconciliation.boundary.ReconciliationService;
import io.paydesk.reconciliation.boundary.ReconciliationView;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One merchant's reconciled day (page {@code day.xhtml?date=yyyy-MM-dd&merchant=mch_id}; without a
 * merchant the first one's, or the caller's own when limited to some merchants): its figures, its
 * discrepancies by type, what was resolved since the previous run; rerunning it (FINANCE, ADMIN)
 * and resolving a discrepancy with a note (FINANCE only: the boundary enforces it, the page shows
 * the button only to FINANCE).
 */
@Named
@ViewScoped
public class ReconciliationDayDetail implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB ReconciliationService reconciliation;
  @Inject Exports exports;

  private String date;
  private String merchant;
  private ReconciliationView.Report report;
  private final Map<Long, String> notes = new HashMap<>();

  /** The discrepancies of one type, as the page groups them. */
  public record Group(String type, long count, List<ReconciliationView.Item> items)
      implements Serializable {}

  /** Loads the day named by the {@code date} view parameter. */
  public void load() {
    report = Feedback.call(() -> reconciliation.report(merchant, date), null);
  }

  public void resolve(long id) {
    String note = notes.get(id);
    if (note == null || note.isBlank()) {
      Feedback.error("recon.noteRequired", String.valueOf(id));
      return;
    }
    if (Feedback.run(
        () -> reconciliation.resolve(id, note.strip()), "recon.resolvedDone", String.valueOf(id))) {
      notes.remove(id);
    }
    load();
  }

  /** The day's discrepancies (its latest run) as a CSV file for Excel, streamed. */
  public void export() {
    ReconciliationView.Day day = Feedback.call(() -> reconciliation.day(merchant, date), null);
    if (day == null) {
      return;
    }
    Locale locale = Downloads.locale();
    Downloads.csv(
        "discrepancies-" + day.mchId() + "-" + date + ".csv",
        out -> exports.discrepancies(day.mchId(), date, locale, out));
  }

  public void rerun() {
    ReconciliationView.Day day = Feedback.call(() -> reconciliation.start(merchant, date), null);
    if (day != null) {
      Feedback.info("recon.rerunQueued", day.billDate(), String.valueOf(day.runNo()));
    }
    load();
  }

  public String getDate() {
    return date;
  }

  public void setDate(String date) {
    this.date = date;
  }

  public String getMerchant() {
    return merchant;
  }

  public void setMerchant(String merchant) {
    this.merchant = merchant == null || merchant.isBlank() ? null : merchant;
  }

  public ReconciliationView.Report getReport() {
    return report;
  }

  /** The note typed for each discrepancy, by id. */
  public Map<Long, String> getNotes() {
    return notes;
  }

  /** Every type with its count (all of the run's), and the listed discrepancies of that type. */
  public List<Group> getGroups() {
    if (report == null) {
      return List.of();
    }
    return report.byType().entrySet().stream()
        .map(
            e ->
                new Group(
                    e.getKey(),
                    e.getValue(),
                    report.discrepancies().stream()
                        .filter(d -> d.type().equals(e.getKey()))
                        .toList()))
        .toList();
  }

  /** How many of the run's discrepancies are still open. */
  public long getOpen() {
    return report == null
        ? 0
        : report.discrepancies().stream().filter(d -> d.resolvedAt() == null).count();
  }
}
