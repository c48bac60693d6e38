package io.paydesk.erp.events;

import io.paydesk.erp.outbox.control.Outbox;
import io.paydesk.erp.outbox.entity.EventHeader;
import io.paydesk.payment.boundary.OrderCreated;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Turns what the payment module announces into outgoing ERP events, in the transaction of the
 * change: if that transaction rolls back, so does the event.
 */
@ApplicationScoped
public class PaymentEvents {

  static final String ORDER = "Order";

  @EJB Outbox outbox;

  void orderCreated(@Observes OrderCreated created) {
    outbox.append(
        new EventHeader("OrderCreated", 1, ORDER, created.orderNo(), created.createdAt()), created);
  }
}
