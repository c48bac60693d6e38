package io.paydesk.admin.refunds;

import io.paydesk.admin.Downloads;
import io.paydesk.admin.Feedback;
import io.paydesk.admin.Format;
import io.paydesk.export.Exports;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.refund.boundary.RefundSearch;
import io.paydesk.refund.entity.RefundStatus;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Finance's refund export: refunds by status, the Beijing days they were requested on and order, as
 * a CSV file for Excel (streamed page by page, see {@link Exports}).
 */
@Named
@ViewScoped
public class RefundExport implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Exports exports;
  @Inject Format format;

  private String status;
  private String from;
  private String to;
  private String orderNo;

  public void export() {
    RefundSearch.Criteria criteria;
    try {
      Instant toDay = format.startOfDay(to, "field.to");
      criteria =
          new RefundSearch.Criteria(
              status == null || status.isBlank() ? null : RefundStatus.valueOf(status),
              format.startOfDay(from, "field.from"),
              toDay == null ? null : toDay.plus(Duration.ofDays(1)),
              orderNo,
              null,
              RefundSearch.MAX_PAGE_SIZE);
    } catch (PayDeskException e) {
      Feedback.errorText(e.getMessage());
      return;
    }
    Locale locale = Downloads.locale();
    Downloads.csv(
        "refunds-" + LocalDate.now(format.zone()) + ".csv",
        out -> exports.refunds(criteria, locale, out));
  }

  public RefundStatus[] getStatuses() {
    return RefundStatus.values();
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public String getOrderNo() {
    return orderNo;
  }

  public void setOrderNo(String orderNo) {
    this.orderNo = orderNo;
  }
}
