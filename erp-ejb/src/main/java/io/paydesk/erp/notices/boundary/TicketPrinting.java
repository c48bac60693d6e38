package io.paydesk.erp.notices.boundary;

import io.paydesk.erp.notices.control.NoticeSettings;
import io.paydesk.erp.notices.control.NoticeStore;
import io.paydesk.erp.notices.control.NoticeTexts;
import io.paydesk.erp.notices.control.Notices;
import io.paydesk.erp.notices.entity.Channel;
import io.paydesk.erp.notices.entity.NoticeView;
import io.paydesk.erp.notices.entity.StaffNotice;
import io.paydesk.erp.notices.entity.Topic;
import io.paydesk.payment.boundary.OrderService;
import io.paydesk.payment.boundary.OrderView;
import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The order's tickets on the Feieyun cloud printer: its print history (what was printed, who asked,
 * the printer's answers) and a reprint. A paid order's ticket is printed by itself when printing is
 * on ({@code paydesk.printing.feieyun.enabled}); a reprint goes through the same notice relay.
 */
@Stateless
public class TicketPrinting {

  private static final Logger LOG = Logger.getLogger(TicketPrinting.class.getName());

  @EJB OrderService orders;
  @EJB Notices notices;
  @EJB NoticeStore store;
  @Resource SessionContext context;

  /** Whether tickets are printed (printing is on and configured). */
  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
  public boolean enabled() {
    try {
      return NoticeSettings.read().printer().isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The order's print jobs, newest first. */
  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
  public List<NoticeView> history(String orderNo) {
    return store.ofOrder(orderNo, Channel.FEIEYUN);
  }

  /**
   * Prints a paid order's ticket again (the caller's name on the print job); audited.
   *
   * @throws PayDeskException ORDER_NOT_FOUND, INVALID_REQUEST when printing is off,
   *     ILLEGAL_TRANSITION when the order is not paid
   */
  @RolesAllowed({Role.SUPPORT_NAME, Role.ADMIN_NAME})
  @Audited(value = "order.ticket.reprint")
  public NoticeView reprint(String orderNo) {
    NoticeSettings settings = NoticeSettings.read();
    if (settings.printer().isEmpty()) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "ticket printing is off (paydesk.printing.feieyun.enabled)");
    }
    OrderView order = orders.find(orderNo);
    if (order.paidAt() == null) {
      throw new PayDeskException(
          ErrorCode.ILLEGAL_TRANSITION, "only a paid order's ticket is printed: " + orderNo);
    }
    String by = context.getCallerPrincipal().getName();
    StaffNotice job =
        notices.append(
            new StaffNotice(
                Channel.FEIEYUN,
                Topic.TICKET,
                orderNo,
                orderNo,
                by,
                new NoticeTexts(settings.locale()).ticket(order, Instant.now()),
                Instant.now()));
    LOG.info(() -> "ticket reprint asked orderNo=" + orderNo + " by=" + by);
    return job.view();
  }
}
