package io.paydesk.it.probe;

import io.paydesk.payment.boundary.OrderService;
import io.paydesk.payment.entity.NewOrder;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/** One transaction that persists an order, then fails with a RuntimeException. */
@Stateless
public class FailingTransaction {

  @EJB OrderService orders;

  public void createThenThrow(NewOrder order) {
    orders.create(order, "probe");
    throw new IllegalStateException("probe: failing after the order was persisted");
  }
}
