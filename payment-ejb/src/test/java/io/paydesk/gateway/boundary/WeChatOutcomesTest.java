package io.paydesk.gateway.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.gateway.entity.OrderClosing;
import io.paydesk.gateway.entity.PaymentCheck;
import io.paydesk.gateway.entity.PaymentNotice;
import io.paydesk.gateway.entity.Prepay;
import io.paydesk.gateway.entity.RefundFinding;
import io.paydesk.gateway.entity.RefundProgress;
import io.paydesk.gateway.entity.RefundReport;
import io.paydesk.gateway.entity.RefundSubmission;
import io.paydesk.platform.job.boundary.Backoff;
import io.paydesk.wechatpay.WeChatError;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.CloseOrderResponse;
import io.paydesk.wechatpay.client.OrderQueryResponse;
import io.paydesk.wechatpay.client.RefundQueryResponse;
import io.paydesk.wechatpay.client.RefundResponse;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.client.UnifiedOrderResponse;
import io.paydesk.wechatpay.notify.PaymentNotification;
import io.paydesk.wechatpay.notify.RefundInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class WeChatOutcomesTest {

  static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
  static final Instant TIME_END = Instant.parse("2026-11-28T01:59:00Z");

  // ---- order query: every trade_state, every err_code that matters, every failure kind

  @ParameterizedTest
  @CsvSource({
    "SUCCESS, Paid",
    "REFUND, Paid",
    "NOTPAY, StillOpen",
    "USERPAYING, StillOpen",
    "ACCEPT, StillOpen",
    "CLOSED, CannotBePaid",
    "REVOKED, CannotBePaid",
    "PAYERROR, CannotBePaid",
    "SOMETHING_NEW, Unknown"
  })
  void everyTradeStateIsAPaymentCheck(String tradeState, String check) {
    PaymentCheck answer = WeChatOutcomes.payment(queried(tradeState, 1999L, TIME_END), NOW);

    assertThat(answer.getClass().getSimpleName()).isEqualTo(check);
    if (!(answer instanceof PaymentCheck.Paid)) {
      assertThat(answer.outcome()).isEqualTo("trade_state " + tradeState);
    }
  }

  @Test
  void theTradeStateTableCoversEveryTradeState() {
    for (TradeState state : TradeState.values()) {
      assertThat(WeChatOutcomes.of(state)).isNotNull();
    }
  }

  @Test
  void aPaidAnswerCarriesWhatMarksTheAttemptPaid() {
    assertThat(WeChatOutcomes.payment(queried("SUCCESS", 1999L, TIME_END), NOW))
        .isEqualTo(new PaymentCheck.Paid("PD1", "4200001", 1999, TIME_END));
    // no total_fee matches no order; no time_end is the time of the answer
    assertThat(WeChatOutcomes.payment(queried("SUCCESS", null, null), NOW))
        .isEqualTo(new PaymentCheck.Paid("PD1", "4200001", -1, NOW));
  }

  @Test
  void queryErrorsAreNotAtWeChatOrUnknownNeverFailed() {
    assertThat(WeChatOutcomes.payment(business("ORDERNOTEXIST"), NOW))
        .isEqualTo(
            new PaymentCheck.NotAtWeChat(
                "orderquery ORDERNOTEXIST", "never reached WeChat (ORDERNOTEXIST)"));
    assertThat(WeChatOutcomes.payment(business("SYSTEMERROR"), NOW))
        .isEqualTo(new PaymentCheck.Unknown("orderquery SYSTEMERROR"));
    assertThat(WeChatOutcomes.payment(business("SOMETHING_NEW"), NOW))
        .isEqualTo(new PaymentCheck.Unknown("orderquery SOMETHING_NEW"));
    assertThat(WeChatOutcomes.payment(communication("签名错误"), NOW))
        .isEqualTo(new PaymentCheck.Unknown("orderquery COMMUNICATION_FAILURE"));
    assertThat(WeChatOutcomes.payment(notSent(CallResult.NotSentReason.CONNECT_FAILED), NOW))
        .isEqualTo(new PaymentCheck.Unknown("orderquery NOT_SENT"));
    assertThat(WeChatOutcomes.payment(timeout(), NOW))
        .isEqualTo(new PaymentCheck.Unknown("orderquery UNKNOWN"));
  }

  // ---- close

  @Test
  void closeAnswersSayWhetherTheAttemptIsOver() {
    assertThat(WeChatOutcomes.closing(new CallResult.Success<>(new CloseOrderResponse(Map.of()))))
        .isEqualTo(new OrderClosing.Closed("closed at WeChat: expired"));
    assertThat(WeChatOutcomes.closing(business("ORDERPAID")))
        .isEqualTo(new OrderClosing.PaidAfterAll());
    assertThat(WeChatOutcomes.closing(business("ORDERCLOSED")))
        .isEqualTo(new OrderClosing.Closed("already closed at WeChat"));
    assertThat(WeChatOutcomes.closing(business("ORDERNOTEXIST")))
        .isEqualTo(new OrderClosing.Closed("never reached WeChat (ORDERNOTEXIST)"));
    assertThat(WeChatOutcomes.closing(business("SYSTEMERROR")))
        .isEqualTo(new OrderClosing.NotClosed("closeorder SYSTEMERROR"));
    assertThat(WeChatOutcomes.closing(business("SIGNERROR")))
        .isEqualTo(new OrderClosing.NotClosed("closeorder SIGNERROR"));
    assertThat(WeChatOutcomes.closing(timeout()))
        .isEqualTo(new OrderClosing.NotClosed("closeorder UNKNOWN"));
  }

  // ---- unified order

  @Test
  void unifiedOrderAnswersBecomePrepayOutcomes() {
    assertThat(
            WeChatOutcomes.prepay(
                new CallResult.Success<>(new UnifiedOrderResponse("wx01", "JSAPI", Map.of()))))
        .isEqualTo(new Prepay.Issued("wx01"));
    assertThat(WeChatOutcomes.prepay(business("ORDERPAID"))).isEqualTo(new Prepay.AlreadyPaid());
    assertThat(WeChatOutcomes.prepay(business("ORDERCLOSED")))
        .isEqualTo(new Prepay.Closed("unifiedorder ORDERCLOSED"));
    assertThat(WeChatOutcomes.prepay(business("SYSTEMERROR")))
        .isEqualTo(new Prepay.Unavailable("WeChat: SYSTEMERROR; retry"));
    assertThat(WeChatOutcomes.prepay(business("FREQUENCY_LIMITED")))
        .isEqualTo(new Prepay.Unavailable("WeChat: FREQUENCY_LIMITED; retry"));
    assertThat(WeChatOutcomes.prepay(business("OUT_TRADE_NO_USED")))
        .isEqualTo(
            new Prepay.Refused("unifiedorder OUT_TRADE_NO_USED", "WeChat: OUT_TRADE_NO_USED said"));
    assertThat(WeChatOutcomes.prepay(business("ORDERNOTEXIST")))
        .isEqualTo(new Prepay.Refused("unifiedorder ORDERNOTEXIST", "WeChat: ORDERNOTEXIST said"));
    assertThat(WeChatOutcomes.prepay(communication("appid不存在")))
        .isEqualTo(
            new Prepay.Refused("unifiedorder return_code FAIL appid不存在", "WeChat: appid不存在"));
    assertThat(WeChatOutcomes.prepay(timeout()))
        .isEqualTo(new Prepay.Unavailable("WeChat did not answer; retry with the same request"));
    assertThat(WeChatOutcomes.prepay(notSent(CallResult.NotSentReason.CONNECT_TIMEOUT)))
        .isEqualTo(new Prepay.Unavailable("WeChat did not answer; retry with the same request"));
  }

  // ---- payment notification

  @Test
  void aPaymentNotificationIsPaidOrNot() {
    assertThat(WeChatOutcomes.notice(notification(true, TIME_END), NOW))
        .isEqualTo(new PaymentNotice.Paid(new PaymentCheck.Paid("PD1", "4200001", 1999, TIME_END)));
    assertThat(WeChatOutcomes.notice(notification(true, null), NOW))
        .isEqualTo(new PaymentNotice.Paid(new PaymentCheck.Paid("PD1", "4200001", 1999, NOW)));
    assertThat(WeChatOutcomes.notice(notification(false, null), NOW))
        .isEqualTo(new PaymentNotice.NotPaid("PD1"));
  }

  // ---- refund statuses

  @ParameterizedTest
  @CsvSource({
    "SUCCESS, REFUNDED",
    "PROCESSING, PROCESSING",
    "CHANGE, BANK_CARD_FAILED",
    "REFUNDCLOSE, CLOSED",
    "SOMETHING_NEW, UNKNOWN"
  })
  void everyRefundStatusIsAProgressAndUnknownOnesAreNeverGuessedAsDone(
      String refundStatus, RefundProgress progress) {
    assertThat(WeChatOutcomes.of(RefundStatus.of(refundStatus))).isEqualTo(progress);
    assertThat(WeChatOutcomes.report(refundInfo(refundStatus)))
        .isEqualTo(
            new RefundReport(
                "RF1", "PD1", "50300", 300, progress, "refund_status " + refundStatus, TIME_END));
  }

  @ParameterizedTest
  @EnumSource(RefundStatus.class)
  void theRefundStatusTableCoversEveryRefundStatus(RefundStatus status) {
    assertThat(WeChatOutcomes.of(status)).isNotNull();
  }

  // ---- refund submission: every err_code, return_msg and failure kind

  @Test
  void refundAnswersMapToWhatHappensToTheRefund() {
    assertThat(
            WeChatOutcomes.submission(
                new CallResult.Success<>(
                    new RefundResponse(
                        "PD1", "4200001", "RF1", "50300", 300, 1999, null, Map.of()))))
        .isEqualTo(new RefundSubmission.Accepted("50300"));
    assertThat(WeChatOutcomes.submission(business("NOTENOUGH")))
        .isEqualTo(new RefundSubmission.NotEnoughFunds());
    assertThat(WeChatOutcomes.submission(business("SYSTEMERROR")))
        .isEqualTo(
            new RefundSubmission.Retry(
                "err_code SYSTEMERROR said; sent again later with the same out_refund_no"));
    assertThat(WeChatOutcomes.submission(business("FREQUENCY_LIMITED")))
        .isInstanceOf(RefundSubmission.Retry.class);
    assertThat(WeChatOutcomes.submission(business("PARAM_ERROR")))
        .isEqualTo(new RefundSubmission.Refused("WeChat refused the refund: PARAM_ERROR said"));
    assertThat(WeChatOutcomes.submission(business("TRADE_OVERDUE")))
        .isInstanceOf(RefundSubmission.Refused.class);
    assertThat(WeChatOutcomes.submission(business("USER_ACCOUNT_ABNORMAL")))
        .isInstanceOf(RefundSubmission.Refused.class);
    assertThat(WeChatOutcomes.submission(business("SOMETHING_NEW")))
        .isInstanceOf(RefundSubmission.Refused.class);
    assertThat(
            WeChatOutcomes.submission(
                new CallResult.BusinessFailure<>(WeChatError.of("ERROR", null), Map.of())))
        .isEqualTo(new RefundSubmission.Refused("WeChat refused the refund: ERROR"));
    assertThat(WeChatOutcomes.submission(communication("证书校验错误")))
        .isEqualTo(
            new RefundSubmission.CertificateProblem(
                "client certificate missing or refused (return_code FAIL 证书校验错误): check"
                    + " paydesk.wechat.cert-path and cert-password; sent again with the same"
                    + " out_refund_no"));
    assertThat(WeChatOutcomes.submission(communication("No Certificate")))
        .isInstanceOf(RefundSubmission.CertificateProblem.class);
    assertThat(WeChatOutcomes.submission(communication("签名错误")))
        .isInstanceOf(RefundSubmission.Retry.class);
    assertThat(WeChatOutcomes.submission(communication(null)))
        .isInstanceOf(RefundSubmission.Retry.class);
    assertThat(WeChatOutcomes.submission(notSent(CallResult.NotSentReason.TLS_HANDSHAKE_FAILED)))
        .isEqualTo(
            new RefundSubmission.CertificateProblem(
                "client certificate missing or refused (not sent: TLS_HANDSHAKE_FAILED): check"
                    + " paydesk.wechat.cert-path and cert-password; sent again with the same"
                    + " out_refund_no"));
    assertThat(WeChatOutcomes.submission(notSent(CallResult.NotSentReason.CONNECT_FAILED)))
        .isEqualTo(
            new RefundSubmission.Retry(
                "not sent: CONNECT_FAILED; sent again later with the same out_refund_no"));
    assertThat(WeChatOutcomes.submission(timeout()))
        .isEqualTo(
            new RefundSubmission.Retry(
                "outcome unknown: TIMEOUT; sent again later with the same out_refund_no"));
  }

  // ---- refund query

  @Test
  void refundQueryAnswersAreFoundNotAtWeChatOrUnknown() {
    var listed =
        new RefundQueryResponse(
            "PD1",
            "4200001",
            1999,
            List.of(
                new RefundQueryResponse.Refund(
                    0, "RF1", "50300", 300, null, RefundStatus.PROCESSING, null, null, null)),
            Map.of("refund_status_0", "PROCESSING"));

    assertThat(WeChatOutcomes.finding(new CallResult.Success<>(listed), "RF1"))
        .isEqualTo(
            new RefundFinding.Found(
                new RefundReport(
                    "RF1",
                    "PD1",
                    "50300",
                    300,
                    RefundProgress.PROCESSING,
                    "refund_status PROCESSING",
                    null)));
    assertThat(WeChatOutcomes.finding(new CallResult.Success<>(listed), "RF2"))
        .isEqualTo(new RefundFinding.Unknown("refundquery does not list it"));
    assertThat(WeChatOutcomes.finding(business("REFUNDNOTEXIST"), "RF1"))
        .isEqualTo(new RefundFinding.NotAtWeChat());
    assertThat(WeChatOutcomes.finding(business("SYSTEMERROR"), "RF1"))
        .isEqualTo(new RefundFinding.Unknown("refundquery SYSTEMERROR"));
    assertThat(WeChatOutcomes.finding(timeout(), "RF1"))
        .isEqualTo(new RefundFinding.Unknown("refundquery outcome unknown: TIMEOUT"));
    assertThat(WeChatOutcomes.finding(communication("签名错误"), "RF1"))
        .isEqualTo(new RefundFinding.Unknown("refundquery return_code FAIL 签名错误"));
  }

  // ---- bill download

  @Test
  void billAnswersAreReadyNotYetOrRefused() {
    assertThat(WeChatOutcomes.ofBill(new CallResult.Success<>("bill")))
        .isEqualTo(WeChatOutcomes.BillAnswer.READY);
    assertThat(
            WeChatOutcomes.ofBill(
                new CallResult.CommunicationFailure<>(
                    "Bill Creating", Map.of("return_msg", "Bill Creating", "error_code", "20003"))))
        .isEqualTo(WeChatOutcomes.BillAnswer.NOT_YET);
    assertThat(
            WeChatOutcomes.ofBill(
                new CallResult.CommunicationFailure<>(
                    "invalid bill_date",
                    Map.of("return_msg", "invalid bill_date", "error_code", "20001"))))
        .isEqualTo(WeChatOutcomes.BillAnswer.REFUSED);
    assertThat(WeChatOutcomes.ofBill(timeout())).isEqualTo(WeChatOutcomes.BillAnswer.NOT_YET);
    assertThat(WeChatOutcomes.ofBill(notSent(CallResult.NotSentReason.CONNECT_FAILED)))
        .isEqualTo(WeChatOutcomes.BillAnswer.NOT_YET);
  }

  @Test
  void backoffUsesTheLastDelayOnceTheListRunsOut() {
    Backoff backoff = Backoff.parse("PT1M, PT5M,PT15M,PT1H");

    assertThat(backoff.next(0, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(backoff.next(2, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    assertThat(backoff.next(9, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  private static CallResult<OrderQueryResponse> queried(
      String tradeState, Long totalFee, Instant timeEnd) {
    return new CallResult.Success<>(
        new OrderQueryResponse(
            "PD1",
            TradeState.of(tradeState),
            "4200001",
            totalFee,
            totalFee,
            timeEnd,
            "o-buyer",
            null,
            null,
            Map.of("trade_state", tradeState)));
  }

  private static PaymentNotification notification(boolean succeeded, Instant timeEnd) {
    return new PaymentNotification(
        "wxapp",
        "1900000109",
        "PD1",
        "4200001",
        1999,
        1999L,
        "o-buyer",
        "JSAPI",
        "CMC",
        timeEnd,
        null,
        succeeded,
        succeeded ? null : WeChatError.of("SYSTEMERROR", "failed"),
        Map.of());
  }

  private static RefundInfo refundInfo(String refundStatus) {
    return new RefundInfo(
        "PD1",
        "4200001",
        "RF1",
        "50300",
        1999,
        300,
        null,
        RefundStatus.of(refundStatus),
        TIME_END,
        null,
        null,
        null,
        Map.of("refund_status", refundStatus));
  }

  private static <T> CallResult<T> business(String errCode) {
    return new CallResult.BusinessFailure<>(WeChatError.of(errCode, "said"), Map.of());
  }

  private static <T> CallResult<T> communication(String returnMsg) {
    return new CallResult.CommunicationFailure<>(returnMsg, Map.of());
  }

  private static <T> CallResult<T> notSent(CallResult.NotSentReason reason) {
    return new CallResult.NotSent<>(reason, "x");
  }

  private static <T> CallResult<T> timeout() {
    return new CallResult.Unknown<>(CallResult.UnknownReason.TIMEOUT, "x");
  }
}
