package io.paydesk.admin.reconciliation;

import io.paydesk.reconciliation.boundary.ReconciliationService;
import io.paydesk.reconciliation.boundary.ReconciliationView;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/** One reconciled day (page {@code day.xhtml?date=yyyy-MM-dd}), and resolving its discrepancies. */
@Named
@ViewScoped
public class ReconciliationDayDetail implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB ReconciliationService reconciliation;

  private String date;
  private ReconciliationView.Report report;
  private final Map<Long, String> notes = new HashMap<>();

  /** Loads the day named by the {@code date} view parameter. */
  public void load() {
    try {
      report = reconciliation.report(date);
    } catch (RuntimeException e) {
      report = null;
      if (!Messages.show(e)) {
        throw e;
      }
    }
  }

  public void resolve(long id) {
    try {
      reconciliation.resolve(id, notes.get(id));
      Messages.info("discrepancy " + id + " marked resolved");
      notes.remove(id);
      load();
    } catch (RuntimeException e) {
      if (!Messages.show(e)) {
        throw e;
      }
    }
  }

  public void rerun() {
    try {
      var day = reconciliation.start(date);
      Messages.info("rerun of " + day.billDate() + " queued (run " + day.runNo() + ")");
      load();
    } catch (RuntimeException e) {
      if (!Messages.show(e)) {
        throw e;
      }
    }
  }

  public String getDate() {
    return date;
  }

  public void setDate(String date) {
    this.date = date;
  }

  public ReconciliationView.Report getReport() {
    return report;
  }

  /** The note typed for each discrepancy, by id. */
  public Map<Long, String> getNotes() {
    return notes;
  }

  /** One line of the counts by type. */
  public static final class TypeCount implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String type;
    private final long count;

    TypeCount(String type, long count) {
      this.type = type;
      this.count = count;
    }

    public String getType() {
      return type;
    }

    public long getCount() {
      return count;
    }
  }

  public java.util.List<TypeCount> getTypes() {
    return report == null
        ? java.util.List.of()
        : report.byType().entrySet().stream()
            .map(e -> new TypeCount(e.getKey(), e.getValue()))
            .toList();
  }

  public String yuan(Long fen) {
    return fen == null ? "" : io.paydesk.wechatpay.Yuan.fromFen(fen);
  }
}
