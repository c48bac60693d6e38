package io.paydesk.payment.control;

import io.paydesk.payment.boundary.OrderClosed;
import io.paydesk.payment.boundary.OrderPaid;
import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.payment.entity.Order;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.payment.entity.PaymentAttempt;
import io.paydesk.payment.entity.Transition;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The payment transitions, each in its own short transaction with the order row locked, so that
 * concurrent notifications, janitor passes and staff clicks change an order one at a time. No call
 * to WeChat happens inside these transactions.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PaymentRecords {

  private static final Logger LOG = Logger.getLogger(PaymentRecords.class.getName());

  /**
   * A prepay_id is handed out again for as long as WeChat accepts it: opening a new attempt while
   * the old one can still be paid would let a buyer pay twice.
   */
  static final Duration PREPAY_MARGIN = Duration.ZERO;

  /** WeChat's life of a prepay_id. */
  static final Duration PREPAY_LIFE = Duration.ofHours(2);

  @PersistenceContext(unitName = "payment")
  EntityManager em;

  @Inject Event<OrderPaid> paid;
  @Inject Event<OrderClosed> closed;

  /** What to ask WeChat for, decided with the order locked. */
  public record PaymentPlan(
      String outTradeNo,
      String prepayId,
      long amount,
      String description,
      String openid,
      String clientIp,
      Instant createdAt,
      Instant expiresAt) {

    /** A still-valid prepay_id can be handed out again without asking WeChat. */
    public boolean reusesPrepay() {
      return prepayId != null;
    }
  }

  /**
   * Decides how to get the order paid: hand out its open prepay_id again, retry a unified order
   * whose answer was lost (same out_trade_no, same parameters), or open a new attempt.
   */
  public PaymentPlan planPayment(
      String orderNo, String actor, Instant firstCheckAt, String clientIp) {
    Order order = lockByOrderNo(orderNo);
    Instant now = Instant.now();
    switch (order.status()) {
      case PAID, SHIPPED ->
          throw new PayDeskException(ErrorCode.ORDER_ALREADY_PAID, "order " + orderNo + " is paid");
      case CLOSED ->
          throw new PayDeskException(ErrorCode.ORDER_CLOSED, "order " + orderNo + " is closed");
      default -> {}
    }
    if (order.isExpired(now)) {
      throw new PayDeskException(ErrorCode.ORDER_CLOSED, "order " + orderNo + " has expired");
    }
    for (PaymentAttempt attempt : order.attempts()) {
      if (attempt.prepayUsable(now, PREPAY_MARGIN)) {
        return plan(order, attempt, attempt.prepayId());
      }
      if (attempt.status() == AttemptStatus.NEW) {
        return plan(order, attempt, null);
      }
    }
    PaymentAttempt attempt = order.newAttempt(newOutTradeNo(), clientIp, actor, now);
    attempt.checkAgainAt(firstCheckAt, "unified order requested");
    em.flush();
    return plan(order, attempt, null);
  }

  /** WeChat answered the unified order with a prepay_id. */
  public void prepayIssued(String outTradeNo, String prepayId) {
    PaymentAttempt attempt = lockedAttempt(outTradeNo);
    if (attempt.status().isPending()) {
      attempt.opened(prepayId, attempt.createdAt().plus(PREPAY_LIFE));
    }
  }

  /**
   * WeChat says this attempt is paid (a notification, a query, ORDERPAID on close). Checks the
   * amount against the order's; answers whether anything changed.
   */
  public boolean markPaid(PaymentProof proof, Transition.Source source) {
    PaymentAttempt attempt = lockedAttempt(proof.outTradeNo());
    Order order = attempt.order();
    if (proof.totalFee() != order.amount()) {
      throw new PayDeskException(
          ErrorCode.PAYMENT_MISMATCH,
          "outTradeNo "
              + proof.outTradeNo()
              + " paid "
              + proof.totalFee()
              + " fen, the order is "
              + order.amount());
    }
    boolean changed = order.markPaid(attempt, proof.transactionId(), proof.paidAt(), source);
    if (changed) {
      em.flush();
      paid.fire(
          new OrderPaid(
              order.orderNo(),
              attempt.outTradeNo(),
              proof.transactionId(),
              order.amount(),
              proof.paidAt()));
      LOG.info(
          () ->
              "order paid orderNo="
                  + order.orderNo()
                  + " outTradeNo="
                  + proof.outTradeNo()
                  + " transactionId="
                  + proof.transactionId()
                  + " source="
                  + source);
    }
    return changed;
  }

  /** WeChat says this attempt can never be paid. */
  public void attemptClosed(String outTradeNo, String why) {
    PaymentAttempt attempt = lockedAttempt(outTradeNo);
    attempt.closed(why);
  }

  /** Nothing final yet: record what was learned and when to ask again. */
  public void checkAgain(String outTradeNo, Instant at, String outcome) {
    PaymentAttempt attempt = lockedAttempt(outTradeNo);
    if (attempt.status().isPending()) {
      attempt.checkAgainAt(at, outcome);
    }
  }

  /**
   * Closes an expired order whose attempts WeChat has all closed (or that never had one). Answers
   * false when it cannot be closed yet.
   */
  public boolean closeIfDone(String orderNo, String actor, String reason) {
    Order order = lockByOrderNo(orderNo);
    if (order.status() == OrderStatus.CLOSED) {
      return false;
    }
    if (order.status() != OrderStatus.CREATED && order.status() != OrderStatus.PAYING) {
      return false;
    }
    if (order.attempts().stream().anyMatch(a -> a.status() != AttemptStatus.CLOSED)) {
      return false;
    }
    Instant now = Instant.now();
    order.close(actor, reason, now);
    em.flush();
    closed.fire(new OrderClosed(orderNo, reason, now));
    LOG.info(() -> "order closed orderNo=" + orderNo + " reason=" + reason);
    return true;
  }

  /** out_trade_nos of attempts waiting for WeChat whose next check is due. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> dueAttempts(Instant now, int max) {
    return em.createNamedQuery(PaymentAttempt.DUE, String.class)
        .setParameter("pending", EnumSet.of(AttemptStatus.NEW, AttemptStatus.OPEN))
        .setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
        .setMaxResults(max)
        .getResultList();
  }

  /** Unpaid orders past their expiry. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> expiredUnpaid(Instant now, int max) {
    return em.createNamedQuery(Order.EXPIRED_UNPAID, String.class)
        .setParameter("open", EnumSet.of(OrderStatus.CREATED, OrderStatus.PAYING))
        .setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
        .setMaxResults(max)
        .getResultList();
  }

  /** A snapshot of an attempt for decisions taken outside a transaction. */
  public record AttemptState(
      String outTradeNo,
      String orderNo,
      AttemptStatus status,
      Instant createdAt,
      int checks,
      boolean orderExpired) {}

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<AttemptState> state(String outTradeNo) {
    return findAttempt(outTradeNo)
        .map(
            a ->
                new AttemptState(
                    a.outTradeNo(),
                    a.order().orderNo(),
                    a.status(),
                    a.createdAt(),
                    a.checks(),
                    a.order().isExpired(Instant.now())));
  }

  /** The out_trade_nos of an order's attempts, oldest first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> attemptsOf(String orderNo) {
    return em
        .createNamedQuery(Order.BY_ORDER_NO, Order.class)
        .setParameter("orderNo", orderNo)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new PayDeskException(ErrorCode.ORDER_NOT_FOUND, "no order " + orderNo))
        .attempts()
        .stream()
        .map(PaymentAttempt::outTradeNo)
        .toList();
  }

  private PaymentPlan plan(Order order, PaymentAttempt attempt, String prepayId) {
    return new PaymentPlan(
        attempt.outTradeNo(),
        prepayId,
        order.amount(),
        order.description(),
        order.openid(),
        attempt.clientIp(),
        attempt.createdAt(),
        order.expiresAt());
  }

  private Optional<PaymentAttempt> findAttempt(String outTradeNo) {
    return em.createNamedQuery(PaymentAttempt.BY_OUT_TRADE_NO, PaymentAttempt.class)
        .setParameter("outTradeNo", outTradeNo)
        .getResultStream()
        .findFirst();
  }

  /**
   * Locks the order of an attempt before anything of it is read in this transaction, and answers
   * the attempt as seen under that lock.
   */
  private PaymentAttempt lockedAttempt(String outTradeNo) {
    Long orderId =
        em.createNamedQuery(PaymentAttempt.ORDER_ID, Long.class)
            .setParameter("outTradeNo", outTradeNo)
            .getResultStream()
            .findFirst()
            .orElseThrow(
                () ->
                    new PayDeskException(
                        ErrorCode.ORDER_NOT_FOUND, "no payment attempt " + outTradeNo));
    Order order = em.find(Order.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    return order.attempts().stream()
        .filter(a -> a.outTradeNo().equals(outTradeNo))
        .findFirst()
        .orElseThrow();
  }

  private Order lockByOrderNo(String orderNo) {
    return em.createNamedQuery(Order.BY_ORDER_NO, Order.class)
        .setParameter("orderNo", orderNo)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new PayDeskException(ErrorCode.ORDER_NOT_FOUND, "no order " + orderNo));
  }

  /** 32 characters, unique per merchant: "PD", the UTC date and time, 16 random hex digits. */
  static String newOutTradeNo() {
    String time =
        java.time.format.DateTimeFormatter.ofPattern("yyMMddHHmmss")
            .withZone(java.time.ZoneOffset.UTC)
            .format(Instant.now());
    return "PD" + time + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
  }
}
