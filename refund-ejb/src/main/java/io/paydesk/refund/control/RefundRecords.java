package io.paydesk.refund.control;

import io.paydesk.gateway.entity.RefundReport;
import io.paydesk.payment.boundary.OrderService;
import io.paydesk.payment.boundary.PaymentLookup;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.refund.boundary.RefundFailed;
import io.paydesk.refund.boundary.RefundSucceeded;
import io.paydesk.refund.entity.Refund;
import io.paydesk.refund.entity.RefundFailure;
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

  /** What an answer from WeChat did to a refund. */
  public enum Change {
    /** Accepted by WeChat now: PROCESSING. */
    ACCEPTED,
    /** The money reached the buyer: REFUNDED. */
    REFUNDED,
    /** FAILED now. */
    FAILED,
    /** Nothing changed (a repeat, or nothing final). */
    NONE
  }

  @PersistenceContext(unitName = "refund")
  EntityManager em;

  @EJB OrderService orders;
  @EJB PaymentLookup payments;

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

    /** What to send for {@code refund}, as it stands. */
    static Submission of(Refund refund) {
      return new Submission(
          refund.outRefundNo(),
          refund.orderNo(),
          refund.outTradeNo(),
          refund.totalFee(),
          refund.amount(),
          refund.refundAccount(),
          refund.submissions(),
          refund.checks());
    }

    /** Whether it is sent from the merchant's available balance rather than the unsettled funds. */
    public boolean fromAvailableBalance() {
      return refundAccount != null;
    }

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
  public record RefundState(
      String outRefundNo, RefundStatus status, int submissions, int checks, String outTradeNo) {}

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
    return Optional.of(Submission.of(refund));
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
   * Applies what WeChat says about a refund (notification or query), see {@link #learned}; the
   * order moves with a refund that became REFUNDED, and the event fires, in the same transaction.
   * Answers whether anything changed.
   *
   * @throws PayDeskException REFUND_NOT_FOUND, REFUND_MISMATCH, REFUND_ILLEGAL_TRANSITION
   */
  public boolean apply(RefundReport report, String actor) {
    Refund refund = lock(report.outRefundNo());
    Change change = learned(refund, report, actor, Instant.now(), queryAfter);
    switch (change) {
      case REFUNDED -> announceRefund(refund, actor);
      case FAILED -> announceFailure(refund, refund.lastOutcome());
      case ACCEPTED, NONE -> {}
    }
    return change != Change.NONE;
  }

  /**
   * What WeChat's report does to a refund, once it is checked to be the refund PayDesk asked for:
   * still processing keeps it accepted (PROCESSING, asked about again after {@code queryAfter});
   * refunded makes it REFUNDED; a failed bank card payment or a refund closed by WeChat makes it
   * FAILED with what staff must do; a state this version does not know changes nothing.
   *
   * @throws PayDeskException REFUND_MISMATCH, REFUND_ILLEGAL_TRANSITION
   */
  static Change learned(
      Refund refund, RefundReport report, String actor, Instant now, Duration queryAfter) {
    if (!refund.outTradeNo().equals(report.outTradeNo()) || refund.amount() != report.refundFee()) {
      throw new PayDeskException(
          ErrorCode.REFUND_MISMATCH,
          "WeChat reports refund "
              + report.outRefundNo()
              + " of "
              + report.refundFee()
              + " fen for "
              + report.outTradeNo()
              + "; PayDesk asked for "
              + refund.amount()
              + " fen of "
              + refund.outTradeNo());
    }
    String refundId = report.refundId();
    return switch (report.progress()) {
      case PROCESSING ->
          refund.accepted(refundId, actor, now, now.plus(queryAfter))
              ? Change.ACCEPTED
              : Change.NONE;
      case REFUNDED ->
          refund.refunded(refundId, report.refundedAt(), actor, now)
              ? Change.REFUNDED
              : Change.NONE;
      case BANK_CARD_FAILED ->
          refund.failedAtWeChat(refundId, RefundFailure.BANK_CARD_FAILED.reason(), actor, now)
              ? Change.FAILED
              : Change.NONE;
      case CLOSED ->
          refund.failedAtWeChat(refundId, RefundFailure.CLOSED_AT_WECHAT.reason(), actor, now)
              ? Change.FAILED
              : Change.NONE;
      case UNKNOWN -> Change.NONE;
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
        .map(
            r ->
                new RefundState(
                    r.outRefundNo(), r.status(), r.submissions(), r.checks(), r.outTradeNo()));
  }

  private void announceRefund(Refund refund, String actor) {
    orders.refunded(refund.orderNo(), refund.outRefundNo(), refund.amount(), actor);
    em.flush();
    succeeded.fire(
        new RefundSucceeded(
            refund.orderNo(),
            refund.outRefundNo(),
            refund.refundId(),
            refund.amount(),
            refund.refundedAt(),
            merchantOf(refund)));
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
  }

  private void announceFailure(Refund refund, String why) {
    em.flush();
    failed.fire(
        new RefundFailed(
            refund.orderNo(),
            refund.outRefundNo(),
            refund.amount(),
            why,
            Instant.now(),
            merchantOf(refund)));
    LOG.warning(
        () ->
            "refund failed outRefundNo="
                + refund.outRefundNo()
                + " orderNo="
                + refund.orderNo()
                + " reason="
                + why);
  }

  /** The merchant of the refund's order, which the refund events carry (null: none known). */
  private String merchantOf(Refund refund) {
    if (refund.mchId() != null || refund.outTradeNo() == null) {
      return refund.mchId();
    }
    return payments.merchantOfTrade(refund.outTradeNo()).orElse(null);
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
