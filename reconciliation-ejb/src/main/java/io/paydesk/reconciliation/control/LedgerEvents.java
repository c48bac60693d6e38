package io.paydesk.reconciliation.control;

import io.paydesk.payment.boundary.OrderPaid;
import io.paydesk.refund.boundary.RefundFailed;
import io.paydesk.refund.boundary.RefundSucceeded;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the {@link Ledger} from what the payment and refund modules announce, in the transaction of
 * the change (as the ERP outbox does): if that transaction rolls back, so does the entry.
 */
@ApplicationScoped
public class LedgerEvents {

  @EJB Ledger ledger;

  void orderPaid(@Observes OrderPaid paid) {
    ledger.paid(paid);
  }

  void refundSucceeded(@Observes RefundSucceeded refund) {
    ledger.refunded(refund);
  }

  void refundFailed(@Observes RefundFailed refund) {
    ledger.failed(refund);
  }
}
