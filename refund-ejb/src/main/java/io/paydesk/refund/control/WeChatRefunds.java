package io.paydesk.refund.control;

import io.paydesk.gateway.boundary.WeChatPayGateway;
import io.paydesk.gateway.entity.RefundFinding;
import io.paydesk.gateway.entity.RefundOrder;
import io.paydesk.gateway.entity.RefundProgress;
import io.paydesk.gateway.entity.RefundReport;
import io.paydesk.gateway.entity.RefundSubmission;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.job.boundary.Backoff;
import io.paydesk.refund.control.RefundRecords.RefundState;
import io.paydesk.refund.control.RefundRecords.Submission;
import io.paydesk.refund.entity.RefundFailure;
import io.paydesk.refund.entity.RefundStatus;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Talks to WeChat about refunds: submits approved ones ({@code /secapi/pay/refund}, always with the
 * refund's own out_refund_no, so a repeat can never refund twice) and asks about accepted ones
 * ({@code /pay/refundquery}). Calls happen outside any transaction; what they teach is applied
 * through {@link RefundRecords}, by the same code as the notifications. Every WeChat answer comes
 * from {@link WeChatPayGateway} in PayDesk's terms.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WeChatRefunds {

  private static final Logger LOG = Logger.getLogger(WeChatRefunds.class.getName());
  private static final String ACTOR = "wechat-refund";

  /** How long a claimed submission is left to its sender: longer than any call to WeChat. */
  static final Duration HOLD = Duration.ofMinutes(2);

  static final String FROM_AVAILABLE_BALANCE =
      "NOTENOUGH: the unsettled funds cannot cover it; sent again from the available balance";

  @EJB RefundRecords records;
  @EJB WeChatPayGateway gateway;

  @Inject
  @ConfigProperty(name = "paydesk.refund.backoff", defaultValue = "PT1M,PT5M,PT15M,PT1H")
  String backoffSetting;

  @Inject
  @ConfigProperty(name = "paydesk.refund.notenough", defaultValue = "stop")
  String notEnoughSetting;

  /** What a refund query taught. */
  enum Answer {
    /** WeChat knows the refund; its state was applied. */
    KNOWN,
    /** WeChat has no refund with this out_refund_no. */
    NOT_AT_WECHAT,
    /** No answer that settles it: asked again later. */
    UNKNOWN
  }

  /** Submits in the background (after an approval commits); the janitor covers any failure. */
  @Asynchronous
  public void submitSoon(String outRefundNo) {
    try {
      submit(outRefundNo);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "refund submission failed, the janitor retries it outRefundNo=" + outRefundNo,
          e);
    }
  }

  /**
   * Sends an APPROVED refund whose submission is due to WeChat. Accepted: PROCESSING. Unknown or
   * transient, missing certificate: stays APPROVED with the outcome recorded, sent again later with
   * the same out_refund_no. NOTENOUGH: once more from the available balance, or FAILED, as
   * configured. Refused: FAILED, unless WeChat turns out to have it from an earlier submission.
   */
  public void submit(String outRefundNo) {
    records.claimSubmission(outRefundNo, HOLD).ifPresent(this::send);
  }

  /** Asks WeChat how an APPROVED or PROCESSING refund stands, and applies the answer. */
  public void check(String outRefundNo) {
    Optional<RefundState> state = records.state(outRefundNo);
    if (state.isEmpty()
        || (state.get().status() != RefundStatus.PROCESSING
            && state.get().status() != RefundStatus.APPROVED)) {
      return;
    }
    if (query(outRefundNo, state.get().outTradeNo(), state.get().checks())
        == Answer.NOT_AT_WECHAT) {
      String outcome =
          state.get().status() == RefundStatus.PROCESSING
              ? "refundquery: WeChat does not know this accepted refund (REFUNDNOTEXIST); ask"
                  + " WeChat support"
              : "refundquery: not at WeChat yet";
      LOG.warning(() -> "refund not found at WeChat outRefundNo=" + outRefundNo);
      later(outRefundNo, state.get().checks(), outcome);
    }
  }

  private void send(Submission s) {
    RefundSubmission answer =
        gateway.submitRefund(
            new RefundOrder(
                s.outTradeNo(),
                s.outRefundNo(),
                s.totalFee(),
                s.amount(),
                s.fromAvailableBalance()));
    if (answer instanceof RefundSubmission.Accepted accepted) {
      records.accepted(s.outRefundNo(), accepted.refundId(), ACTOR);
    } else if (answer instanceof RefundSubmission.Retry retry) {
      later(s, retry.reason());
    } else if (answer instanceof RefundSubmission.CertificateProblem certificate) {
      later(s, certificate.reason());
    } else if (answer instanceof RefundSubmission.NotEnoughFunds) {
      notEnough(s);
    } else {
      refused(s, ((RefundSubmission.Refused) answer).reason());
    }
  }

  private void notEnough(Submission s) {
    String outRefundNo = s.outRefundNo();
    boolean recharge = NotEnoughPolicy.parse(notEnoughSetting) == NotEnoughPolicy.RECHARGE_FUNDS;
    if (recharge && !s.fromAvailableBalance()) {
      LOG.info(
          () ->
              "refund not enough funds, sending from the available balance outRefundNo="
                  + outRefundNo);
      records.useRechargeFunds(outRefundNo, FROM_AVAILABLE_BALANCE);
      send(s.withRechargeFunds());
      return;
    }
    records.refused(outRefundNo, RefundFailure.notEnoughFunds(s.fromAvailableBalance()), ACTOR);
  }

  private void refused(Submission s, String why) {
    String outRefundNo = s.outRefundNo();
    if (s.submissions() > 1) {
      // an earlier submission may have reached WeChat: it decides, not this refusal
      switch (query(outRefundNo, s.outTradeNo(), s.checks())) {
        case KNOWN, UNKNOWN -> {
          return;
        }
        case NOT_AT_WECHAT -> {}
      }
    }
    records.refused(
        outRefundNo,
        why + ". Nothing was refunded; check the order and request a new refund if it is due.",
        ACTOR);
  }

  private Answer query(String outRefundNo, String outTradeNo, int checks) {
    RefundFinding finding = gateway.checkRefund(outRefundNo, outTradeNo);
    if (finding instanceof RefundFinding.NotAtWeChat) {
      return Answer.NOT_AT_WECHAT;
    }
    if (finding instanceof RefundFinding.Unknown unknown) {
      later(outRefundNo, checks, unknown.reason());
      return Answer.UNKNOWN;
    }
    RefundReport report = ((RefundFinding.Found) finding).report();
    try {
      records.apply(report, "janitor");
    } catch (PayDeskException e) {
      LOG.log(
          Level.SEVERE,
          "WeChat reports a refund PayDesk cannot accept outRefundNo={0} code={1} detail={2}",
          new Object[] {outRefundNo, e.code(), e.getMessage()});
      later(outRefundNo, checks, "refundquery: " + e.getMessage());
      return Answer.KNOWN;
    }
    if (report.progress() == RefundProgress.PROCESSING
        || report.progress() == RefundProgress.UNKNOWN) {
      later(outRefundNo, checks, report.said());
    }
    return Answer.KNOWN;
  }

  private void later(Submission s, String outcome) {
    later(s.outRefundNo(), s.checks(), outcome);
  }

  private void later(String outRefundNo, int checks, String outcome) {
    records.tryAgain(outRefundNo, backoff().next(checks, Instant.now()), outcome);
  }

  private Backoff backoff() {
    return Backoff.parse(backoffSetting);
  }
}
