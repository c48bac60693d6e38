package io.paydesk.erp.events;

import io.paydesk.erp.outbox.control.Outbox;
import io.paydesk.erp.outbox.entity.EventHeader;
import io.paydesk.refund.boundary.RefundApproved;
import io.paydesk.refund.boundary.RefundFailed;
import io.paydesk.refund.boundary.RefundRejected;
import io.paydesk.refund.boundary.RefundRequested;
import io.paydesk.refund.boundary.RefundSettledOffline;
import io.paydesk.refund.boundary.RefundSucceeded;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Turns what the refund module announces into outgoing ERP events, in the transaction of the
 * change. A refund's events are the order's: same aggregate, so the ERP sees an order's payment,
 * shipment and refunds in the order they happened.
 */
@ApplicationScoped
public class RefundEvents {

  @EJB Outbox outbox;

  void requested(@Observes RefundRequested e) {
    outbox.append(header("RefundRequested", e.orderNo(), e.requestedAt()), e);
  }

  void approved(@Observes RefundApproved e) {
    outbox.append(header("RefundApproved", e.orderNo(), e.approvedAt()), e);
  }

  void rejected(@Observes RefundRejected e) {
    outbox.append(header("RefundRejected", e.orderNo(), e.rejectedAt()), e);
  }

  void succeeded(@Observes RefundSucceeded e) {
    outbox.append(header("RefundSucceeded", e.orderNo(), e.refundedAt()), e);
  }

  void failed(@Observes RefundFailed e) {
    outbox.append(header("RefundFailed", e.orderNo(), e.failedAt()), e);
  }

  void settledOffline(@Observes RefundSettledOffline e) {
    outbox.append(header("RefundSettledOffline", e.orderNo(), e.settledAt()), e);
  }

  private static EventHeader header(String type, String orderNo, java.time.Instant at) {
    return new EventHeader(type, 1, PaymentEvents.ORDER, orderNo, at);
  }
}
