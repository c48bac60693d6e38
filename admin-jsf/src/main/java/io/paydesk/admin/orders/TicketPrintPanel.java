package io.paydesk.admin.orders;

import io.paydesk.admin.Feedback;
import io.paydesk.erp.notices.boundary.TicketPrinting;
import io.paydesk.erp.notices.entity.NoticeView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.List;

/**
 * The order page's panel of the tickets printed on the Feieyun cloud printer: the print history
 * (who asked, the printer's answers and failures) and the reprint button. The boundary checks the
 * role again (SUPPORT or ADMIN to reprint) and audits the reprint.
 */
@Named
@RequestScoped
public class TicketPrintPanel {

  @EJB TicketPrinting printing;

  private Boolean enabled;
  private List<NoticeView> jobs;

  public boolean isEnabled() {
    if (enabled == null) {
      enabled = printing.enabled();
    }
    return enabled;
  }

  /** The order's print jobs, newest first (read once per request). */
  public List<NoticeView> jobs(String orderNo) {
    if (jobs == null) {
      jobs = printing.history(orderNo);
    }
    return jobs;
  }

  /** Prints the order's ticket again; stays on the order page. */
  public String reprint(String orderNo) {
    Feedback.run(() -> printing.reprint(orderNo), "printing.reprinted", orderNo);
    // the message is shown on the page the redirect leads to
    FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    return "/admin/orders/order?faces-redirect=true&no=" + orderNo;
  }
}
