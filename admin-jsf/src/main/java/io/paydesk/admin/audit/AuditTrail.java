package io.paydesk.admin.audit;

import io.paydesk.platform.audit.boundary.AuditLog;
import io.paydesk.platform.audit.entity.AuditOutcome;
import io.paydesk.platform.audit.entity.AuditRecord;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The audit page (ADMIN): who did what, newest first, a page at a time from the database, filtered
 * by user, action (prefix), target, outcome and Beijing dates.
 */
@Named
@ViewScoped
public class AuditTrail implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  @EJB AuditLog log;

  private String actor;
  private String action;
  private String target;
  private AuditOutcome outcome;
  private LocalDate from;
  private LocalDate to;

  private final LazyDataModel<AuditRecord.Row> rows =
      new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
          return (int) Math.min(Integer.MAX_VALUE, log.count(filter()));
        }

        @Override
        public List<AuditRecord.Row> load(
            int first,
            int pageSize,
            Map<String, SortMeta> sortBy,
            Map<String, FilterMeta> filterBy) {
          return log.search(filter(), first, pageSize);
        }

        @Override
        public String getRowKey(AuditRecord.Row row) {
          return Long.toString(row.id());
        }
      };

  AuditRecord.Filter filter() {
    return new AuditRecord.Filter(
        actor,
        action,
        target,
        outcome,
        from == null ? null : from.atStartOfDay(BEIJING).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(BEIJING).toInstant());
  }

  /** Applies the filter form (the table reloads from its first page). */
  public void search() {
    org.primefaces.component.datatable.DataTable table =
        org.omnifaces.util.Components.findComponent("audit:entries");
    if (table != null) {
      table.setFirst(0);
    }
  }

  public LazyDataModel<AuditRecord.Row> getRows() {
    return rows;
  }

  public AuditOutcome[] getOutcomes() {
    return AuditOutcome.values();
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public AuditOutcome getOutcome() {
    return outcome;
  }

  public void setOutcome(AuditOutcome outcome) {
    this.outcome = outcome;
  }

  public LocalDate getFrom() {
    return from;
  }

  public void setFrom(LocalDate from) {
    this.from = from;
  }

  public LocalDate getTo() {
    return to;
  }

  public void setTo(LocalDate to) {
    this.to = to;
  }
}
