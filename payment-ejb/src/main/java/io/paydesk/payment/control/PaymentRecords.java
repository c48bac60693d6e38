package io.paydesk.payment.control;

import io.paydesk.gateway.entity.PaymentCheck;
import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.payment.boundary.OrderClosed;
import io.paydesk.payment.boundary.OrderPaid;
import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.payment.entity.Order;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.payment.entity.PaymentAttempt;
import io.paydesk.payment.entity.Transition;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.ejb.EJB;
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

  /**
   * How long an attempt WeChat does not know (ORDERNOTEXIST) stays open: a unified order sent just
   * now may not have arrived yet.
   */
  static final Duration NOT_AT_WECHAT_GRACE = Duration.ofMinutes(1);

  /** What an answer from WeChat did to an attempt. */
  public enum Effect {
    /** The attempt, and its order, are paid now. */
    PAID,
    /** The attempt is closed: it can never be paid. */
    CLOSED,
    /** Nothing final: asked again at the time given. */
    CHECK_AGAIN,
    /** Nothing changed (the same payment again, or an attempt that is no longer pending). */
    NONE
  }

  @PersistenceContext(unitName = "payment")
  EntityManager em;

  @EJB MerchantRegistry merchants;

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
      Instant expiresAt,
      String mchId) {

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
    String mchId = merchantOf(order);
    if (mchId != null && merchants.lookup(mchId).filter(m -> !m.enabled()).isPresent()) {
      throw new PayDeskException(
          ErrorCode.MERCHANT_DISABLED, "merchant " + mchId + " takes no new payments");
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
   * WeChat says this attempt is paid (a notification). Checks the amount against the order's;
   * answers whether anything changed.
   *
   * @throws PayDeskException PAYMENT_MISMATCH when the amount or transaction is not the order's
   */
  public boolean markPaid(PaymentCheck.Paid payment, Transition.Source source, String mchId) {
    PaymentAttempt attempt = lockedAttempt(payment.outTradeNo());
    if (!mchId.equals(merchantOf(attempt.order()))) {
      // another merchant's order, or none: the same answer, so that no merchant learns of another's
      LOG.warning(
          () ->
              "payment notification for another merchant's order refused outTradeNo="
                  + payment.outTradeNo()
                  + " notifiedMchId="
                  + mchId);
      throw new PayDeskException(
          ErrorCode.ORDER_NOT_FOUND, "no payment attempt " + payment.outTradeNo());
    }
    Effect effect = paid(attempt, payment, source);
    announce(attempt, payment, effect, source);
    return effect == Effect.PAID;
  }

  /**
   * Applies what an order query taught about an attempt (see {@link #apply}); paid, its event fires
   * in the same transaction.
   *
   * @param nextCheckAt when to ask again if nothing is final
   * @throws PayDeskException PAYMENT_MISMATCH when WeChat reports a payment PayDesk cannot accept
   */
  public Effect checked(
      String outTradeNo, PaymentCheck check, Instant nextCheckAt, Transition.Source source) {
    PaymentAttempt attempt = lockedAttempt(outTradeNo);
    Effect effect = apply(attempt, check, nextCheckAt, source);
    if (check instanceof PaymentCheck.Paid payment) {
      announce(attempt, payment, effect, source);
    }
    return effect;
  }

  /**
   * What an order query's answer does to a pending attempt and its order: paid marks both paid (the
   * amount must be the order's); cannot-be-paid closes the attempt; unknown at WeChat closes a NEW
   * attempt older than {@link #NOT_AT_WECHAT_GRACE} (its unified order never arrived) and otherwise
   * asks again; still open or unknown asks again at {@code nextCheckAt}. Never closes anything
   * WeChat may still complete. {@code source.at()} is now.
   */
  static Effect apply(
      PaymentAttempt attempt, PaymentCheck check, Instant nextCheckAt, Transition.Source source) {
    if (check instanceof PaymentCheck.Paid payment) {
      return paid(attempt, payment, source);
    }
    if (check instanceof PaymentCheck.CannotBePaid cannot) {
      if (attempt.status() == AttemptStatus.CLOSED) {
        return Effect.NONE;
      }
      attempt.closed(cannot.outcome());
      return Effect.CLOSED;
    }
    if (check instanceof PaymentCheck.NotAtWeChat notAtWeChat
        && attempt.status() == AttemptStatus.NEW
        && attempt.createdAt().isBefore(source.at().minus(NOT_AT_WECHAT_GRACE))) {
      attempt.closed(notAtWeChat.whyClosed());
      return Effect.CLOSED;
    }
    if (!attempt.status().isPending()) {
      return Effect.NONE;
    }
    attempt.checkAgainAt(nextCheckAt, check.outcome());
    return Effect.CHECK_AGAIN;
  }

  private static Effect paid(
      PaymentAttempt attempt, PaymentCheck.Paid payment, Transition.Source source) {
    Order order = attempt.order();
    if (payment.totalFee() != order.amount()) {
      throw new PayDeskException(
          ErrorCode.PAYMENT_MISMATCH,
          "outTradeNo "
              + payment.outTradeNo()
              + " paid "
              + payment.totalFee()
              + " fen, the order is "
              + order.amount());
    }
    return order.markPaid(attempt, payment.transactionId(), payment.paidAt(), source)
        ? Effect.PAID
        : Effect.NONE;
  }

  private void announce(
      PaymentAttempt attempt, PaymentCheck.Paid payment, Effect effect, Transition.Source source) {
    if (effect != Effect.PAID) {
      return;
    }
    Order order = attempt.order();
    em.flush();
    paid.fire(
        new OrderPaid(
            order.orderNo(),
            attempt.outTradeNo(),
            payment.transactionId(),
            order.amount(),
            payment.paidAt(),
            merchantOf(order)));
    LOG.info(
        () ->
            "order paid orderNo="
                + order.orderNo()
                + " outTradeNo="
                + payment.outTradeNo()
                + " transactionId="
                + payment.transactionId()
                + " source="
                + source);
  }

  /** WeChat says this attempt can never be paid (closed, or never received). */
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
        order.expiresAt(),
        merchantOf(order));
  }

  /**
   * The mch_id of the merchant an attempt's order belongs to (the first merchant's for an order
   * made before merchants were recorded); empty for an unknown out_trade_no.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<String> merchantOfTrade(String outTradeNo) {
    return findAttempt(outTradeNo).map(a -> merchantOf(a.order()));
  }

  /** The order's mch_id, or the first merchant's when it has none (null when there is none). */
  String merchantOf(Order order) {
    return order.mchId() != null
        ? order.mchId()
        : merchants.first().map(MerchantView::mchId).orElse(null);
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
    // one round trip finds and locks the order (no unlocked lookup of its id first)
    Order order =
        em.createNamedQuery(PaymentAttempt.ORDER_OF, Order.class)
            .setParameter("outTradeNo", outTradeNo)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst()
            .orElseThrow(
                () ->
                    new PayDeskException(
                        ErrorCode.ORDER_NOT_FOUND, "no payment attempt " + outTradeNo));
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
