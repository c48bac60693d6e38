package io.paydesk.admin.orders;

import io.paydesk.admin.Feedback;
import io.paydesk.admin.Labels;
import io.paydesk.erp.outbox.boundary.EventLog;
import io.paydesk.payment.boundary.OrderService;
import io.paydesk.payment.boundary.OrderView;
import io.paydesk.payment.boundary.PaymentService;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.payment.entity.Shipment;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.refund.boundary.RefundService;
import io.paydesk.refund.boundary.RefundView;
import io.paydesk.refund.entity.RefundStatus;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.List;
import java.util.logging.Logger;

/**
 * One order for staff: its history, payment attempts, refunds, the events the ERP was sent and the
 * shipment; "query WeChat now" (the janitor's path for this order) and shipping (SUPPORT, ADMIN).
 */
@Named
@ViewScoped
public class OrderDetail implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(OrderDetail.class.getName());

  @EJB OrderService orders;
  @EJB PaymentService payments;
  @EJB RefundService refunds;
  @EJB EventLog events;
  @Inject SecurityContext security;
  @Inject Labels labels;

  private String no;
  private String carrier;
  private String trackingNo;
  private Shipment.Method method = Shipment.Method.EXPRESS;
  private String expressCompany;
  private transient OrderView order;
  private transient List<RefundView> orderRefunds;
  private transient List<EventLog.Entry> orderEvents;
  private boolean missing;

  /** The view action: reads the order named by {@code ?no=}. */
  public void load() {
    order = null;
    missing = false;
    if (no == null || no.isBlank()) {
      missing = true;
      Feedback.error("order.which");
      return;
    }
    try {
      order = orders.find(no);
      orderRefunds = refunds.ofOrder(no);
      orderEvents = events.ofOrder(no);
    } catch (PayDeskException e) {
      missing = true;
      Feedback.refused(e);
    }
  }

  /** Asks WeChat now about the order's open payment attempts, as the janitor would. */
  public void queryWeChat() {
    OrderStatus before = getOrder().status();
    try {
      payments.checkOrder(no);
    } catch (RuntimeException e) {
      LOG.warning(() -> "query WeChat now failed orderNo=" + no + " error=" + e);
      Feedback.error("order.query.failed");
      return;
    }
    load();
    if (order == null) {
      return;
    }
    var last =
        order.attempts().isEmpty() ? null : order.attempts().get(order.attempts().size() - 1);
    String said = last == null || last.lastOutcome() == null ? "" : last.lastOutcome();
    String status = labels.of(order.status());
    if (last == null) {
      Feedback.info("order.query.noAttempt");
    } else if (order.status() != before) {
      Feedback.info(said.isEmpty() ? "order.query.now" : "order.query.now.said", status, said);
    } else {
      Feedback.info(said.isEmpty() ? "order.query.still" : "order.query.still.said", status, said);
    }
  }

  /** Marks the order shipped with the carrier and tracking number from the form. */
  public void ship() {
    if (!mayShip()) {
      Feedback.error("order.ship.notAllowed");
      return;
    }
    String by = security.getCallerPrincipal().getName();
    if (Feedback.run(
        () -> orders.ship(no, new Shipment(carrier, trackingNo, method, expressCompany), by),
        "order.ship.done",
        carrier,
        trackingNo)) {
      load();
    }
  }

  public boolean mayShip() {
    return security.isCallerInRole(Role.SUPPORT_NAME) || security.isCallerInRole(Role.ADMIN_NAME);
  }

  public boolean isShippable() {
    return getOrder() != null && getOrder().status() == OrderStatus.PAID;
  }

  public OrderView getOrder() {
    if (order == null && !missing && no != null) {
      load();
    }
    return order;
  }

  public List<RefundView> getRefunds() {
    if (orderRefunds == null && !missing && no != null) {
      load();
    }
    return orderRefunds == null ? List.of() : orderRefunds;
  }

  public List<EventLog.Entry> getEvents() {
    if (orderEvents == null && !missing && no != null) {
      load();
    }
    return orderEvents == null ? List.of() : orderEvents;
  }

  /** Fen of this order's refunds that WeChat confirmed, or finance settled offline. */
  public long getRefunded() {
    return getRefunds().stream()
        .filter(
            r -> r.status() == RefundStatus.REFUNDED || r.status() == RefundStatus.SETTLED_OFFLINE)
        .mapToLong(RefundView::amount)
        .sum();
  }

  public boolean isMissing() {
    return missing;
  }

  public String getNo() {
    return no;
  }

  public void setNo(String no) {
    this.no = no;
  }

  public String getCarrier() {
    return carrier;
  }

  public void setCarrier(String carrier) {
    this.carrier = carrier;
  }

  public Shipment.Method getMethod() {
    return method;
  }

  public void setMethod(Shipment.Method method) {
    this.method = method;
  }

  public Shipment.Method[] getMethods() {
    return Shipment.Method.values();
  }

  public String getExpressCompany() {
    return expressCompany;
  }

  public void setExpressCompany(String expressCompany) {
    this.expressCompany = expressCompany;
  }

  public String getTrackingNo() {
    return trackingNo;
  }

  public void setTrackingNo(String trackingNo) {
    this.trackingNo = trackingNo;
  }
}
