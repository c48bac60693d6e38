package io.paydesk.refund.control;

import io.paydesk.gateway.boundary.WeChatOutcomes;
import io.paydesk.gateway.boundary.WeChatOutcomes.ErrorAction;
import io.paydesk.gateway.boundary.WeChatOutcomes.RefundFinding;
import io.paydesk.gateway.boundary.WeChatPayGateway;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.job.boundary.Backoff;
import io.paydesk.refund.control.RefundRecords.RefundState;
import io.paydesk.refund.control.RefundRecords.Submission;
import io.paydesk.refund.entity.RefundStatus;
import io.paydesk.wechatpay.WeChatError;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.RefundQueryResponse;
import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.RefundResponse;
import io.paydesk.wechatpay.client.WeChatPayClient;
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
 * through {@link RefundRecords}, by the same code as the notifications. Every WeChat answer is
 * interpreted by {@link WeChatOutcomes}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WeChatRefunds {

  private static final Logger LOG = Logger.getLogger(WeChatRefunds.class.getName());
  private static final String ACTOR = "wechat-refund";

  /** How long a claimed submission is left to its sender: longer than any call to WeChat. */
  static final Duration HOLD = Duration.ofMinutes(2);

  static final String CERTIFICATE_MISSING =
      "not sent: no client certificate configured (paydesk.wechat.cert-path, the merchant's"
          + " apiclient_cert.p12); sent with the same out_refund_no once it is set";

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
    if (query(outRefundNo, state.get().checks()) == Answer.NOT_AT_WECHAT) {
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
    String outRefundNo = s.outRefundNo();
    WeChatPayGateway.Setup setup;
    try {
      setup = gateway.setup();
    } catch (PayDeskException e) {
      later(s, "not sent: " + e.getMessage());
      return;
    }
    WeChatPayClient client = setup.client();
    String notifyUrl = setup.urls().refundNotify();
    if (client.config().clientCertificate() == null) {
      String why =
          setup.certificateProblem() == null
              ? CERTIFICATE_MISSING
              : "not sent: "
                  + setup.certificateProblem()
                  + "; sent with the same out_refund_no once it loads";
      LOG.warning(() -> "refund not sent outRefundNo=" + outRefundNo + " " + why);
      later(s, why);
      return;
    }
    CallResult<RefundResponse> result =
        client.refund(
            new RefundRequest(
                s.outTradeNo(),
                outRefundNo,
                s.totalFee(),
                s.amount(),
                null,
                s.refundAccount(),
                notifyUrl));
    switch (WeChatOutcomes.ofRefund(result)) {
      case ACCEPTED -> records.accepted(outRefundNo, result.orElseThrow().refundId(), ACTOR);
      case RETRY -> later(s, describe(result) + "; sent again later with the same out_refund_no");
      case CERTIFICATE -> {
        LOG.warning(
            () ->
                "refund refused for its client certificate outRefundNo="
                    + outRefundNo
                    + " "
                    + describe(result));
        later(
            s,
            "client certificate missing or refused ("
                + describe(result)
                + "): check paydesk.wechat.cert-path and cert-password; sent again with the same"
                + " out_refund_no");
      }
      case NOT_ENOUGH_FUNDS -> notEnough(s);
      case REFUSED -> refused(s, ((CallResult.BusinessFailure<RefundResponse>) result).error());
    }
  }

  private void notEnough(Submission s) {
    String outRefundNo = s.outRefundNo();
    boolean recharge = NotEnoughPolicy.parse(notEnoughSetting) == NotEnoughPolicy.RECHARGE_FUNDS;
    if (recharge && s.refundAccount() == null) {
      LOG.info(
          () -> "refund NOTENOUGH, sending from the available balance outRefundNo=" + outRefundNo);
      records.useRechargeFunds(
          outRefundNo,
          "NOTENOUGH: the unsettled funds cannot cover it; sent again from the available balance");
      send(s.withRechargeFunds());
      return;
    }
    records.refused(
        outRefundNo,
        "NOTENOUGH: "
            + (s.refundAccount() != null
                ? "neither the unsettled funds nor the available balance cover this refund."
                : "the unsettled funds (交易未结算资金) cannot cover this refund.")
            + " Top up the merchant account or refund from the available balance"
            + " (paydesk.refund.notenough=recharge-funds), then request the refund again.",
        ACTOR);
  }

  private void refused(Submission s, WeChatError error) {
    String outRefundNo = s.outRefundNo();
    String why =
        "WeChat refused the refund: "
            + error.rawCode()
            + (error.description() == null ? "" : " " + error.description());
    if (s.submissions() > 1) {
      // an earlier submission may have reached WeChat: it decides, not this refusal
      switch (query(outRefundNo, s.checks())) {
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

  private Answer query(String outRefundNo, int checks) {
    CallResult<RefundQueryResponse> result;
    try {
      result = gateway.client().queryRefund(outRefundNo);
    } catch (PayDeskException e) {
      later(outRefundNo, checks, "not asked: " + e.getMessage());
      return Answer.UNKNOWN;
    }
    switch (result.kind()) {
      case SUCCESS -> {
        RefundQueryResponse answer = result.orElseThrow();
        Optional<RefundQueryResponse.Refund> one = answer.find(outRefundNo);
        if (one.isEmpty()) {
          later(outRefundNo, checks, "refundquery does not list it");
          return Answer.UNKNOWN;
        }
        WeChatRefundState state = WeChatRefundState.of(answer, one.get());
        try {
          records.apply(state, "janitor");
        } catch (PayDeskException e) {
          LOG.log(
              Level.SEVERE,
              "WeChat reports a refund PayDesk cannot accept outRefundNo={0} code={1} detail={2}",
              new Object[] {outRefundNo, e.code(), e.getMessage()});
          later(outRefundNo, checks, "refundquery: " + e.getMessage());
          return Answer.KNOWN;
        }
        if (state.finding() == RefundFinding.PROCESSING
            || state.finding() == RefundFinding.UNKNOWN) {
          later(outRefundNo, checks, "refund_status " + state.rawStatus());
        }
        return Answer.KNOWN;
      }
      case BUSINESS_FAILURE -> {
        WeChatError error = ((CallResult.BusinessFailure<RefundQueryResponse>) result).error();
        if (WeChatOutcomes.of(error.code()) == ErrorAction.NOT_AT_WECHAT) {
          return Answer.NOT_AT_WECHAT;
        }
        later(outRefundNo, checks, "refundquery " + error.rawCode());
        return Answer.UNKNOWN;
      }
      default -> {
        later(outRefundNo, checks, "refundquery " + describe(result));
        return Answer.UNKNOWN;
      }
    }
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

  /** A short account of a call that did not succeed, for the refund's record and the log. */
  static String describe(CallResult<?> result) {
    return switch (result.kind()) {
      case SUCCESS -> "accepted";
      case BUSINESS_FAILURE -> {
        WeChatError error = ((CallResult.BusinessFailure<?>) result).error();
        yield "err_code "
            + error.rawCode()
            + (error.description() == null ? "" : " " + error.description());
      }
      case COMMUNICATION_FAILURE ->
          "return_code FAIL " + ((CallResult.CommunicationFailure<?>) result).returnMsg();
      case NOT_SENT -> "not sent: " + ((CallResult.NotSent<?>) result).reason();
      case UNKNOWN -> "outcome unknown: " + ((CallResult.Unknown<?>) result).reason();
    };
  }
}
