package io.paydesk.payment.boundary;

import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.payment.entity.NewOrder;
import io.paydesk.payment.entity.Order;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.payment.entity.Shipment;
import io.paydesk.payment.entity.ShippingUpload;
import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.client.entity.Scope;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.boundary.StaffService;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Orders: the transaction boundary the shop API, the admin console and ERP commands all go through.
 * Each method is one JTA transaction; a state change, its history row and its event (observed by
 * the outbox in the same transaction) commit or roll back together.
 */
@Stateless
public class OrderService {

  private static final Logger LOG = Logger.getLogger(OrderService.class.getName());

  @PersistenceContext(unitName = "payment")
  EntityManager em;

  @EJB MerchantRegistry merchants;
  @EJB StaffService staff;

  /**
   * Refuses, as ORDER_NOT_FOUND, an order of a merchant the calling member of staff is not limited
   * to (staff limited to some merchants see the others' orders as missing).
   */
  private void requireVisible(String orderNo) {
    if (merchantOf(orderNo).filter(m -> !staff.callerMaySee(m)).isPresent()) {
      throw new PayDeskException(ErrorCode.ORDER_NOT_FOUND, "no order " + orderNo);
    }
  }

  @Inject Event<OrderCreated> created;
  @Inject Event<OrderShipped> shipped;
  @Inject Event<OrderClosed> closed;

  @Inject
  @ConfigProperty(name = "paydesk.order.default-time-to-pay", defaultValue = "PT2H")
  Duration defaultTimeToPay;

  /** Whether shipments are uploaded to WeChat's shipping-information service. */
  @Inject
  @ConfigProperty(name = "paydesk.shipping-info.enabled", defaultValue = "true")
  boolean uploadShippingInfo;

  /**
   * Creates the order, or returns the existing one when the same request comes again. The same
   * {@code orderNo} with a different body is a conflict. Two identical requests racing each other:
   * one creates, the other is told to retry and then gets the same answer.
   */
  // Permitted to every caller that reaches it: the shop API's resource demands orders:write first
  // (io.paydesk.api.CallerRoles), and the ERP's JMS commands, authenticated by the broker, call it
  // without an HTTP caller. Creating is idempotent and moves no money.
  @PermitAll
  public OrderView create(NewOrder spec, String actor) {
    return create(spec, actor, null);
  }

  /**
   * Creates the order for merchant {@code mchId} (null: the first merchant), as {@link
   * #create(NewOrder, String)} does. A disabled merchant takes no new order; an existing order of
   * another merchant under the same {@code orderNo} is a conflict that tells nothing of it.
   */
  // Permitted: as create(NewOrder, String); the shop API passes its client's own merchant.
  @PermitAll
  public OrderView create(NewOrder spec, String actor, String mchId) {
    String merchant =
        mchId != null ? mchId : merchants.first().map(MerchantView::mchId).orElse(null);
    Optional<Order> existing = lookup(spec.orderNo());
    if (existing.isPresent() && !java.util.Objects.equals(existing.get().mchId(), merchant)) {
      throw new PayDeskException(
          ErrorCode.ORDER_NO_CONFLICT, "order number " + spec.orderNo() + " is taken");
    }
    if (existing.isPresent()) {
      if (!existing.get().matches(spec)) {
        throw new PayDeskException(
            ErrorCode.ORDER_NO_CONFLICT,
            "order " + spec.orderNo() + " exists with a different openid, amount or description");
      }
      return OrderView.of(existing.get());
    }
    if (merchant != null) {
      MerchantView m =
          merchants
              .lookup(merchant)
              .orElseThrow(
                  () ->
                      new PayDeskException(
                          ErrorCode.MERCHANT_NOT_FOUND, "no merchant " + merchant));
      if (!m.enabled()) {
        throw new PayDeskException(
            ErrorCode.MERCHANT_DISABLED, "merchant " + merchant + " takes no new orders");
      }
    }
    Instant now = Instant.now();
    Order order = Order.create(spec, merchant, actor, now, now.plus(defaultTimeToPay));
    em.persist(order);
    try {
      em.flush();
    } catch (PersistenceException race) {
      throw new PayDeskException(
          ErrorCode.CONCURRENT_REQUEST,
          "order " + spec.orderNo() + " is being created by a concurrent request; retry");
    }
    created.fire(
        new OrderCreated(
            order.orderNo(),
            order.openid(),
            order.amount(),
            order.description(),
            order.createdAt(),
            order.expiresAt(),
            order.mchId()));
    LOG.info(() -> "order created orderNo=" + order.orderNo() + " amount=" + order.amount());
    return OrderView.of(order);
  }

  /**
   * Ships a paid order. The same shipment again answers the same order; another carrier or tracking
   * number for a shipped order is a conflict.
   */
  @RolesAllowed({Role.SUPPORT_NAME, Role.ADMIN_NAME, Scope.SHIPMENTS_WRITE_NAME})
  @Audited(value = "order.ship", detail = 1)
  public OrderView ship(String orderNo, Shipment shipment, String actor) {
    return shipOrder(orderNo, shipment, actor);
  }

  /**
   * Ships for an in-process system with no caller of its own: the ERP's JMS commands, which the
   * broker authenticates ({@code system} names it in history). Permitted to all because no HTTP
   * resource or console page calls it; people and API clients go through {@link #ship}.
   */
  @PermitAll
  public OrderView shipBySystem(String orderNo, Shipment shipment, String system) {
    return shipOrder(orderNo, shipment, system);
  }

  private OrderView shipOrder(String orderNo, Shipment shipment, String actor) {
    Order order =
        em.createNamedQuery(Order.BY_ORDER_NO, Order.class)
            .setParameter("orderNo", orderNo)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst()
            .orElseThrow(
                () -> new PayDeskException(ErrorCode.ORDER_NOT_FOUND, "no order " + orderNo));
    Instant now = Instant.now();
    if (order.ship(shipment, actor, now)) {
      if (uploadShippingInfo) {
        // the upload's outbox row commits with the shipment; the uploader sends it afterwards
        em.persist(ShippingUpload.of(order, shipment, now));
      }
      em.flush();
      shipped.fire(new OrderShipped(orderNo, shipment.carrier(), shipment.trackingNo(), now));
      LOG.info(() -> "order shipped orderNo=" + orderNo + " carrier=" + shipment.carrier());
    }
    return OrderView.of(order, upload(orderNo));
  }

  /**
   * Closes an unpaid order that no payment attempt can still pay (the shop or the ERP cancels it).
   * Closing a closed order again answers the same order. An order with an attempt still open at
   * WeChat is refused: the buyer may be paying it right now, and only the janitor closes it at
   * WeChat (never locally) once it expires.
   */
  // Permitted: only the ERP's JMS commands call it (no caller of their own; the broker
  // authenticates
  // them); no HTTP resource or page closes orders.
  @PermitAll
  public OrderView close(String orderNo, String reason, String actor) {
    if (reason == null || reason.isBlank() || reason.length() > 256) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "reason is required (at most 256 characters)");
    }
    Order order = locked(orderNo);
    if (order.status() == OrderStatus.CLOSED) {
      return OrderView.of(order);
    }
    if (order.attempts().stream().anyMatch(a -> a.status() != AttemptStatus.CLOSED)) {
      throw new PayDeskException(
          ErrorCode.ILLEGAL_TRANSITION,
          "order "
              + orderNo
              + " has a payment attempt open at WeChat; it is closed there when it expires");
    }
    Instant now = Instant.now();
    order.close(actor, reason.strip(), now);
    em.flush();
    closed.fire(new OrderClosed(orderNo, reason.strip(), now));
    LOG.info(() -> "order closed orderNo=" + orderNo + " by=" + actor);
    return OrderView.of(order);
  }

  /**
   * Locks the order's row (PESSIMISTIC_WRITE) in the caller's transaction and answers what a refund
   * needs to know of it. Refund requests call this first, so that concurrent requests for the same
   * order are decided one after the other.
   */
  // Permitted: the refund boundary calls it inside a refund request it has already admitted.
  @PermitAll
  public RefundableOrder lockForRefund(String orderNo) {
    Order order = locked(orderNo);
    var payment = order.payment();
    return new RefundableOrder(
        order.orderNo(),
        order.status(),
        payment.map(a -> a.outTradeNo()).orElse(null),
        payment.map(a -> a.transactionId()).orElse(null),
        order.amount(),
        order.refundedAmount(),
        order.paidAt());
  }

  /**
   * WeChat confirmed refund {@code outRefundNo} of {@code amount} fen: in the caller's transaction
   * the order becomes PARTIALLY_REFUNDED or REFUNDED, with a history row. The caller counts each
   * refund once.
   */
  // Permitted: called when WeChat confirms a refund (its verified notification or the janitor's
  // query), with no caller of its own; it applies WeChat's answer, nothing a caller chooses. Also
  // when finance records that a refund WeChat could not pay out was paid offline (the refund
  // boundary checks FINANCE first).
  @PermitAll
  public OrderView refunded(String orderNo, String outRefundNo, long amount, String actor) {
    Order order = locked(orderNo);
    order.refunded(outRefundNo, amount, actor, Instant.now());
    em.flush();
    LOG.info(
        () ->
            "order refunded orderNo="
                + orderNo
                + " outRefundNo="
                + outRefundNo
                + " amount="
                + amount
                + " status="
                + order.status());
    return OrderView.of(order);
  }

  /**
   * The merchant an order belongs to (the first merchant's mch_id for an order made before
   * merchants were recorded); empty when there is no such order.
   */
  // Permitted: the shop API asks it before any operation, to refuse another merchant's order as if
  // it did not exist; it answers only a merchant key.
  @PermitAll
  public Optional<String> merchantOf(String orderNo) {
    return lookup(orderNo)
        .map(
            o ->
                o.mchId() != null
                    ? o.mchId()
                    : merchants.first().map(MerchantView::mchId).orElse(null));
  }

  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME, Scope.ORDERS_READ_NAME})
  public OrderView find(String orderNo) {
    requireVisible(orderNo);
    return lookup(orderNo)
        .map(order -> OrderView.of(order, upload(orderNo)))
        .orElseThrow(() -> new PayDeskException(ErrorCode.ORDER_NOT_FOUND, "no order " + orderNo));
  }

  /**
   * Sends a shipping-information upload that WeChat refused again, now (after staff fixed what
   * WeChat objected to, e.g. the mini-program's enrolment). Answers the order; an upload that is
   * not FAILED is left as it is.
   */
  @RolesAllowed({Role.SUPPORT_NAME, Role.ADMIN_NAME})
  @Audited(value = "order.shipping-info.retry")
  public OrderView retryShippingInfo(String orderNo) {
    Order order = locked(orderNo);
    em.createNamedQuery(ShippingUpload.BY_ORDER_NO, ShippingUpload.class)
        .setParameter("orderNo", orderNo)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst()
        .filter(u -> u.status() == io.paydesk.payment.entity.UploadStatus.FAILED)
        .ifPresent(u -> u.again(Instant.now()));
    em.flush();
    LOG.info(() -> "shipping info upload asked again orderNo=" + orderNo);
    return OrderView.of(order, upload(orderNo));
  }

  private ShippingUpload upload(String orderNo) {
    return em.createNamedQuery(ShippingUpload.BY_ORDER_NO, ShippingUpload.class)
        .setParameter("orderNo", orderNo)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private Order locked(String orderNo) {
    return em.createNamedQuery(Order.BY_ORDER_NO, Order.class)
        .setParameter("orderNo", orderNo)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new PayDeskException(ErrorCode.ORDER_NOT_FOUND, "no order " + orderNo));
  }

  private Optional<Order> lookup(String orderNo) {
    return em.createNamedQuery(Order.BY_ORDER_NO, Order.class)
        .setParameter("orderNo", orderNo)
        .getResultStream()
        .findFirst();
  }
}
