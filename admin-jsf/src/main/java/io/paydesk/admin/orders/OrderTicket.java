package io.paydesk.admin.orders;

import io.paydesk.admin.Texts;
import io.paydesk.payment.boundary.OrderService;
import io.paydesk.payment.boundary.OrderView;
import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.Instant;

/** The print-ready ticket of one order ({@code ?no=}); {@code ?print=1} opens the print dialog. */
@Named
@RequestScoped
public class OrderTicket {

  @EJB OrderService orders;

  private String no;
  private boolean print;
  private OrderView order;
  private String problem;

  public void load() {
    try {
      order = orders.find(no == null ? "" : no);
    } catch (PayDeskException e) {
      problem = Texts.of(e);
    }
  }

  /** Sum of the item lines, fen; 0 when the shop sent none. */
  public long getItemsTotal() {
    return order == null
        ? 0
        : order.items().stream().mapToLong(i -> i.unitPrice() * i.quantity()).sum();
  }

  /** WeChat's transaction id of the attempt that paid the order; null while unpaid. */
  public String getTransactionId() {
    return order == null
        ? null
        : order.attempts().stream()
            .filter(a -> a.status() == AttemptStatus.PAID && a.transactionId() != null)
            .map(OrderView.Attempt::transactionId)
            .findFirst()
            .orElse(null);
  }

  public Instant getPrintedAt() {
    return Instant.now();
  }

  public OrderView getOrder() {
    return order;
  }

  public String getProblem() {
    return problem;
  }

  public String getNo() {
    return no;
  }

  public void setNo(String no) {
    this.no = no;
  }

  public boolean isPrint() {
    return print;
  }

  public void setPrint(boolean print) {
    this.print = print;
  }
}
