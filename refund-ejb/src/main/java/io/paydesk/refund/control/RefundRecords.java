package io.paydesk.refund.control;

import io.paydesk.payment.boundary.OrderService;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.refund.boundary.RefundFailed;
import io.paydesk.refund.boundary.RefundSucceeded;
import io.paydesk.refund.entity.Refund;
import io.paydesk.refund.entity.RefundStatus;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What WeChat's answers do to refunds, each in its own short transaction with the refund row
 * locked, so that the submission, notifications, janitor passes and staff clicks change a refund
 * one at a time; a repeat changes nothing. A refund becoming REFUNDED moves its order in the same
 * transaction. No call to WeChat happens inside these transactions.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RefundRecords {

  private static final Logger LOG = Logger.getLogger(RefundRecords.class.getName());

  static final String CHANGE_REASON =
      "CHANGE: WeChat could not pay the refund to the buyer's bank card; the money is back in the"
          + " merchant account. Manual handling needed: refund the buyer another way and note it.";
  static final String CLOSED_REASON =
      "REFUNDCLOSE: WeChat closed the refund; nothing was refunded. Request a new refund if it is"
          + " still due.";

  @PersistenceContext(unitName = "refund")
  EntityManager em;

  @EJB OrderService orders;

  @Inject Event<RefundSucceeded> succeeded;
  @Inject Event<RefundFailed> failed;

  @Inject
  @ConfigProperty(name = "paydesk.refund.query-after", defaultValue = "PT10M")
  Duration queryAfter;

  /** What to send to WeChat, read under the claim. Amounts are fen. */
  public record Submission(
      String outRefundNo,
      String orderNo,
      String outTradeNo,
      long totalFee,
      long amount,
      String refundAccount,
      int submissions,
      int checks) {

    /** The same refund, sent from the available balance. */
    public Submission withRechargeFunds() {
      return new Submission(
          outRefundNo,
          orderNo,
          outTradeNo,
          totalFee,
          amount,
          Refund.RECHARGE_FUNDS,
          submissions,
          checks);
    }
  }

  /** A snapshot of a refund for decisions taken outside a transaction. */
  public record RefundState(String outRefundNo, RefundStatus status, int submissions, int checks) {}

  /**
   * Claims an APPROVED refund whose submission is due, so that only this caller sends it for the
   * next {@code hold}. Empty when it is not to be sent now (not approved, sent already, or claimed
   * by someone else).
   */
  public Optional<Submission> claimSubmission(String outRefundNo, Duration hold) {
    Refund refund = lock(outRefundNo);
    if (!refund.claimSubmission(Instant.now(), hold)) {
      return Optional.empty();
    }
    return Optional.of(
        new Submission(
            refund.outRefundNo(),
            refund.orderNo(),
            refund.outTradeNo(),
            refund.totalFee(),
            refund.amount(),
            refund.refundAccount(),
            refund.submissions(),
            refund.checks()));
  }

  /**
   * WeChat accepted the refund: PROCESSING, asked about after {@code paydesk.refund.query-after}.
   */
  public void accepted(String outRefundNo, String refundId, String actor) {
    Refund refund = lock(outRefundNo);
    Instant now = Instant.now();
    if (refund.accepted(refundId, actor, now, now.plus(queryAfter))) {
      LOG.info(
          () -> "refund accepted by WeChat outRefundNo=" + outRefundNo + " refundId=" + refundId);
    }
  }

  /** Nothing final: record what was learned and when to try again. */
  public void tryAgain(String outRefundNo, Instant at, String outcome) {
    lock(outRefundNo).tryAgainAt(at, outcome);
  }

  /** NOTENOUGH under the recharge-funds policy: from now on sent from the available balance. */
  public void useRechargeFunds(String outRefundNo, String outcome) {
    lock(outRefundNo).useRechargeFunds(outcome);
  }

  /** WeChat refused the refund before accepting it: FAILED with {@code why}. */
  public void refused(String outRefundNo, String why, String actor) {
    Refund refund = lock(outRefundNo);
    if (refund.refused(why, actor, Instant.now())) {
      announceFailure(refund, why);
    }
  }

  /**
   * Applies what WeChat says about a refund (notification or query): REFUNDED (and the order with
   * it), FAILED, or accepted and still processing. Checks that it is the refund PayDesk asked for.
   * Answers whether anything changed.
   *
   * @throws PayDeskException REFUND_NOT_FOUND, REFUND_MISMATCH, REFUND_ILLEGAL_TRANSITION
   */
  public boolean apply(WeChatRefundState state, String actor) {
    Refund refund = lock(state.outRefundNo());
    if (!refund.outTradeNo().equals(state.outTradeNo()) || refund.amount() != state.refundFee()) {
      throw new PayDeskException(
          ErrorCode.REFUND_MISMATCH,
          "WeChat reports refund "
              + state.outRefundNo()
              + " of "
              + state.refundFee()
              + " fen for "
              + state.outTradeNo()
              + "; PayDesk asked for "
              + refund.amount()
              + " fen of "
              + refund.outTradeNo());
    }
    Instant now = Instant.now();
    return switch (state.finding()) {
      case PROCESSING -> refund.accepted(state.refundId(), actor, now, now.plus(queryAfter));
      case REFUNDED -> refunded(refund, state, actor, now);
      case BANK_CARD_FAILED -> failedAtWeChat(refund, state.refundId(), CHANGE_REASON, actor);
      case CLOSED -> failedAtWeChat(refund, state.refundId(), CLOSED_REASON, actor);
      case UNKNOWN -> false;
    };
  }

  /** out_refund_nos in {@code status} whose next submission or check is due. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> due(RefundStatus status, Instant now, int max) {
    return em.createNamedQuery(Refund.DUE, String.class)
        .setParameter("status", status)
        .setParameter("now", now.atOffset(ZoneOffset.UTC))
        .setMaxResults(max)
        .getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<RefundState> state(String outRefundNo) {
    return em.createNamedQuery(Refund.BY_OUT_REFUND_NO, Refund.class)
        .setParameter("outRefundNo", outRefundNo)
        .getResultStream()
        .findFirst()
        .map(r -> new RefundState(r.outRefundNo(), r.status(), r.submissions(), r.checks()));
  }

  private boolean refunded(Refund refund, WeChatRefundState state, String actor, Instant now) {
    if (!refund.refunded(state.refundId(), state.successTime(), actor, now)) {
      return false;
    }
    orders.refunded(refund.orderNo(), refund.outRefundNo(), refund.amount(), actor);
    em.flush();
    succeeded.fire(
        new RefundSucceeded(
            refund.orderNo(),
            refund.outRefundNo(),
            refund.refundId(),
            refund.amount(),
            refund.refundedAt()));
    LOG.info(
        () ->
            "refund succeeded outRefundNo="
                + refund.outRefundNo()
                + " orderNo="
                + refund.orderNo()
                + " amount="
                + refund.amount()
                + " source="
                + actor);
    return true;
  }

  private boolean failedAtWeChat(Refund refund, String refundId, String why, String actor) {
    if (!refund.failedAtWeChat(refundId, why, actor, Instant.now())) {
      return false;
    }
    announceFailure(refund, why);
    return true;
  }

  private void announceFailure(Refund refund, String why) {
    em.flush();
    failed.fire(
        new RefundFailed(
            refund.orderNo(), refund.outRefundNo(), refund.amount(), why, Instant.now()));
    LOG.warning(
        () ->
            "refund failed outRefundNo="
                + refund.outRefundNo()
                + " orderNo="
                + refund.orderNo()
                + " reason="
                + why);
  }

  private Refund lock(String outRefundNo) {
    return em.createNamedQuery(Refund.BY_OUT_REFUND_NO, Refund.class)
        .setParameter("outRefundNo", outRefundNo)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst()
        .orElseThrow(
            () -> new PayDeskException(ErrorCode.REFUND_NOT_FOUND, "no refund " + outRefundNo));
  }
}
