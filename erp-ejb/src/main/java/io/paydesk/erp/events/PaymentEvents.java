package io.paydesk.erp.events;

import io.paydesk.erp.outbox.control.Outbox;
import io.paydesk.erp.outbox.entity.EventHeader;
import io.paydesk.payment.boundary.OrderClosed;
import io.paydesk.payment.boundary.OrderCreated;
import io.paydesk.payment.boundary.OrderPaid;
import io.paydesk.payment.boundary.OrderShipped;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Turns what the payment module announces into outgoing ERP events, in the transaction of the
 * change: if that transaction rolls back, so does the event.
 */
@ApplicationScoped
public class PaymentEvents {

  public static final String ORDER = "Order";

  @EJB Outbox outbox;

  void orderCreated(@Observes OrderCreated created) {
    outbox.append(
        new EventHeader("OrderCreated", 1, ORDER, created.orderNo(), created.createdAt()), created);
  }

  void orderPaid(@Observes OrderPaid paid) {
    outbox.append(new EventHeader("OrderPaid", 1, ORDER, paid.orderNo(), paid.paidAt()), paid);
  }

  void orderShipped(@Observes OrderShipped shipped) {
    outbox.append(
        new EventHeader("OrderShipped", 1, ORDER, shipped.orderNo(), shipped.shippedAt()), shipped);
  }

  void orderClosed(@Observes OrderClosed closed) {
    outbox.append(
        new EventHeader("OrderClosed", 1, ORDER, closed.orderNo(), closed.closedAt()), closed);
  }
}
