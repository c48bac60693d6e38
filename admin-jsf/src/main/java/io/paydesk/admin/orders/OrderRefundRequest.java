package io.paydesk.admin.orders;

import io.paydesk.admin.Feedback;
import io.paydesk.admin.Format;
import io.paydesk.admin.Labels;
import io.paydesk.payment.boundary.OrderView;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.UUID;

/**
 * The order page's refund panel: SUPPORT or FINANCE asks for a refund of the order, with an amount
 * in yuan and a reason, as themselves. The refund boundary applies the same rules as to any refund
 * (approval, four eyes, the pending cap, what is left to refund). The form carries one request id
 * for as long as it is shown, so a double click or a resent form asks once.
 */
@Named
@ViewScoped
public class OrderRefundRequest implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final EnumSet<OrderStatus> REFUNDABLE =
      EnumSet.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.PARTIALLY_REFUNDED);

  @EJB RefundService refunds;
  @Inject OrderDetail detail;
  @Inject Format format;
  @Inject Labels labels;
  @Inject SecurityContext security;

  private String yuan;
  private String reason;
  private String requestId = newRequestId();

  public void request(String orderNo) {
    if (!mayRequest()) {
      Feedback.error("staffRefund.notAllowed");
      return;
    }
    Long fen;
    try {
      fen = format.fen(yuan, "staffRefund.amount");
    } catch (PayDeskException e) {
      Feedback.errorText(e.getMessage());
      return;
    }
    if (fen == null) {
      Feedback.error("staffRefund.amountRequired");
      return;
    }
    RefundView refund =
        Feedback.call(() -> refunds.requestByStaff(orderNo, fen, reason, requestId), null);
    if (refund != null) {
      Feedback.info(
          "staffRefund.done",
          refund.outRefundNo(),
          format.yuan(refund.amount()),
          labels.of(refund.status()));
      yuan = null;
      reason = null;
      requestId = newRequestId();
      detail.load();
    }
  }

  public boolean mayRequest() {
    return security.isCallerInRole(Role.SUPPORT_NAME) || security.isCallerInRole(Role.FINANCE_NAME);
  }

  public boolean refundable(OrderView order) {
    return order != null && REFUNDABLE.contains(order.status());
  }

  private static String newRequestId() {
    return "staff-" + UUID.randomUUID().toString().replace("-", "");
  }

  public String getYuan() {
    return yuan;
  }

  public void setYuan(String yuan) {
    this.yuan = yuan;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
