package io.paydesk.reconciliation.control;

import io.paydesk.payment.boundary.OrderPaid;
import io.paydesk.refund.boundary.RefundFailed;
import io.paydesk.refund.boundary.RefundSucceeded;
import io.paydesk.refund.entity.RefundStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reconciliation's ledger of PayDesk's money movements: every paid payment attempt and every refund
 * WeChat settled, each with its order's merchant, written in the transaction that recorded the
 * change (a change that rolls back leaves no entry). Idempotent by out_trade_no and out_refund_no:
 * an entry seen again is updated. Matching a bill reads this ledger, never the payment or refund
 * tables.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Ledger {

  @PersistenceContext(unitName = "reconciliation")
  EntityManager em;

  /**
   * A payment attempt was paid. A first payment is one statement (an insert unless the entry
   * exists: this runs in every payment notification's transaction); an attempt seen again is
   * updated. The attempt's order is locked by the caller, so the two never race for one
   * out_trade_no.
   */
  public void paid(OrderPaid paid) {
    int inserted =
        em.createNativeQuery(
                "INSERT INTO recon_ledger_payment (out_trade_no, order_no, transaction_id,"
                    + " amount_fen, paid_at, mch_id) SELECT CAST(?1 AS VARCHAR(32)),"
                    + " CAST(?2 AS VARCHAR(32)), CAST(?3 AS VARCHAR(32)), CAST(?4 AS BIGINT),"
                    + " CAST(?5 AS TIMESTAMP WITH TIME ZONE), CAST(?6 AS VARCHAR(32)) WHERE NOT EXISTS"
                    + " (SELECT 1 FROM recon_ledger_payment e WHERE e.out_trade_no = ?1)")
            .setParameter(1, paid.outTradeNo())
            .setParameter(2, paid.orderNo())
            .setParameter(3, paid.transactionId())
            .setParameter(4, paid.amount())
            .setParameter(5, utc(paid.paidAt()))
            .setParameter(6, paid.mchId())
            .executeUpdate();
    if (inserted == 0) {
      em.createNativeQuery(
              "UPDATE recon_ledger_payment SET order_no = ?1, transaction_id = ?2,"
                  + " amount_fen = ?3, paid_at = ?4,"
                  + " mch_id = COALESCE(CAST(?6 AS VARCHAR(32)), mch_id) WHERE out_trade_no = ?5")
          .setParameter(1, paid.orderNo())
          .setParameter(2, paid.transactionId())
          .setParameter(3, paid.amount())
          .setParameter(4, utc(paid.paidAt()))
          .setParameter(5, paid.outTradeNo())
          .setParameter(6, paid.mchId())
          .executeUpdate();
    }
  }

  /** WeChat paid a refund out. */
  public void refunded(RefundSucceeded refund) {
    settled(
        refund.outRefundNo(),
        refund.orderNo(),
        refund.refundId(),
        refund.amount(),
        RefundStatus.REFUNDED,
        refund.refundedAt(),
        refund.mchId());
  }

  /** A refund failed. */
  public void failed(RefundFailed refund) {
    settled(
        refund.outRefundNo(),
        refund.orderNo(),
        null,
        refund.amount(),
        RefundStatus.FAILED,
        null,
        refund.mchId());
  }

  private void settled(
      String outRefundNo,
      String orderNo,
      String refundId,
      long amount,
      RefundStatus status,
      Instant refundedAt,
      String mchId) {
    int updated =
        em.createNativeQuery(
                "UPDATE recon_ledger_refund SET refund_id = COALESCE(CAST(?1 AS VARCHAR(64)), refund_id),"
                    + " amount_fen = ?2, status = ?3,"
                    + " refunded_at = CAST(?4 AS TIMESTAMP WITH TIME ZONE),"
                    + " mch_id = COALESCE(CAST(?6 AS VARCHAR(32)), mch_id)"
                    + " WHERE out_refund_no = ?5")
            .setParameter(1, refundId)
            .setParameter(2, amount)
            .setParameter(3, status.name())
            .setParameter(4, utc(refundedAt))
            .setParameter(5, outRefundNo)
            .setParameter(6, mchId)
            .executeUpdate();
    if (updated == 0) {
      // the refund's payment is the order's paid attempt, already in the ledger; so is its merchant
      em.createNativeQuery(
              "INSERT INTO recon_ledger_refund (out_refund_no, order_no, out_trade_no, refund_id,"
                  + " amount_fen, status, refunded_at, mch_id) VALUES (?1, ?2, (SELECT"
                  + " MIN(p.out_trade_no) FROM recon_ledger_payment p WHERE p.order_no = ?2),"
                  + " CAST(?3 AS VARCHAR(64)), ?4, ?5, CAST(?6 AS TIMESTAMP WITH TIME ZONE),"
                  + " COALESCE(CAST(?7 AS VARCHAR(32)), (SELECT MIN(p.mch_id) FROM"
                  + " recon_ledger_payment p WHERE p.order_no = ?2)))")
          .setParameter(1, outRefundNo)
          .setParameter(2, orderNo)
          .setParameter(3, refundId)
          .setParameter(4, amount)
          .setParameter(5, status.name())
          .setParameter(6, utc(refundedAt))
          .setParameter(7, mchId)
          .executeUpdate();
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }
}
