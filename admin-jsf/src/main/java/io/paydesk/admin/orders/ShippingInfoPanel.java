package io.paydesk.admin.orders;

import io.paydesk.admin.Feedback;
import io.paydesk.payment.boundary.OrderService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The order page's panel of the shipping-information upload to WeChat: sends a refused upload
 * again. The boundary checks the role again (SUPPORT or ADMIN) and audits it.
 */
@Named
@RequestScoped
public class ShippingInfoPanel {

  @EJB OrderService orders;

  /** Sends the order's failed upload again now; stays on the order page. */
  public String retry(String orderNo) {
    Feedback.run(() -> orders.retryShippingInfo(orderNo), "shippingInfo.retried", orderNo);
    return "/admin/orders/order?faces-redirect=true&no=" + orderNo;
  }
}
