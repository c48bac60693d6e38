package io.paydesk.payment.boundary;

import io.paydesk.payment.control.PaymentRecords;
import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.payment.entity.PaymentAttempt;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * How PayDesk stands on one payment attempt, by its out_trade_no, for modules above payment that
 * must compare it with WeChat (reconciliation asks for the few bill lines its own ledger of paid
 * payments does not know). Reads in the caller's transaction, if any.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
// Permitted: only other modules' background work calls it (reconciliation's batch job, the staff
// alerts and ticket printing of a paid order), in-process and without a caller of its own; no
// resource exposes it.
@PermitAll
public class PaymentLookup {

  @PersistenceContext(unitName = "payment")
  EntityManager em;

  @EJB PaymentRecords records;

  /**
   * One attempt: its status, amount in fen, once paid WeChat's transaction id, and the merchant its
   * order belongs to.
   */
  public record Attempt(
      String outTradeNo,
      String orderNo,
      AttemptStatus status,
      long amount,
      String transactionId,
      String mchId) {}

  /**
   * The mch_id of the merchant an out_trade_no's order belongs to; empty for an out_trade_no
   * PayDesk does not have.
   */
  public Optional<String> merchantOfTrade(String outTradeNo) {
    return records.merchantOfTrade(outTradeNo);
  }

  /** The attempt with this out_trade_no, if PayDesk has one. */
  public Optional<Attempt> attempt(String outTradeNo) {
    return em.createNamedQuery(PaymentAttempt.BY_OUT_TRADE_NO, PaymentAttempt.class)
        .setParameter("outTradeNo", outTradeNo)
        .getResultStream()
        .findFirst()
        .map(
            a ->
                new Attempt(
                    a.outTradeNo(),
                    a.order().orderNo(),
                    a.status(),
                    a.amount(),
                    a.transactionId(),
                    a.order().mchId()));
  }

  /**
   * The order, as its own page sees it (delivery details whole), in the caller's transaction: the
   * staff alerts and the printed ticket of an order that has just been paid read it in the
   * transaction that paid it.
   */
  public Optional<OrderView> order(String orderNo) {
    return em.createNamedQuery(
            io.paydesk.payment.entity.Order.BY_ORDER_NO, io.paydesk.payment.entity.Order.class)
        .setParameter("orderNo", orderNo)
        .getResultStream()
        .findFirst()
        .map(OrderView::of);
  }
}
