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
import io.paydesk.wechatpay.client.CallResult.NotSentReason;
import io.paydesk.wechatpay.client.CallResult.UnknownReason;
import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.v3.ApiV3Error;
import io.paydesk.wechatpay.v3.ApiV3Result;
import io.paydesk.wechatpay.v3.DomesticRefund;
import io.paydesk.wechatpay.v3.DomesticRefundStatus;
import io.paydesk.wechatpay.v3.TradeBill;
import io.paydesk.wechatpay.v3.Transaction;
import io.paydesk.wechatpay.v3.notify.PaymentEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * API v3's answers become the same outcomes as v2's: every trade_state, refund status, HTTP status
 * and code PayDesk acts on, and "unknown" (no answer, a 5xx, an unverifiable answer) stays unknown.
 */
class WeChatOutcomesV3Test {

  static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
  static final Instant SUCCESS_TIME = Instant.parse("2026-11-28T01:59:00Z");

  // ---- query by out_trade_no

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
    PaymentCheck answer =
        WeChatOutcomes.paymentV3(new ApiV3Result.Success<>(transaction(tradeState, null)), NOW);

    assertThat(answer.getClass().getSimpleName()).isEqualTo(check);
    if (!(answer instanceof PaymentCheck.Paid)) {
      assertThat(answer.outcome()).isEqualTo("trade_state " + tradeState);
    }
  }

  @Test
  void aPaidTransactionCarriesItsNumbersAndTime() {
    PaymentCheck answer =
        WeChatOutcomes.paymentV3(
            new ApiV3Result.Success<>(transaction("SUCCESS", SUCCESS_TIME)), NOW);

    assertThat(answer).isEqualTo(new PaymentCheck.Paid("PD-1", "4200000001", 1999, SUCCESS_TIME));
    assertThat(
            WeChatOutcomes.paymentV3(new ApiV3Result.Success<>(transaction("SUCCESS", null)), NOW))
        .isEqualTo(new PaymentCheck.Paid("PD-1", "4200000001", 1999, NOW));
  }

  @ParameterizedTest
  @CsvSource({
    "404, ORDER_NOT_EXIST, NotAtWeChat",
    "404, ORDERNOTEXIST, NotAtWeChat",
    "429, FREQUENCY_LIMITED, Unknown",
    "401, SIGN_ERROR, Unknown",
    "400, PARAM_ERROR, Unknown",
    "403, NO_AUTH, Unknown"
  })
  void everyQueryRefusalIsAPaymentCheck(int status, String code, String check) {
    PaymentCheck answer = WeChatOutcomes.paymentV3(refused(status, code), NOW);

    assertThat(answer.getClass().getSimpleName()).isEqualTo(check);
  }

  @Test
  void aQueryWithoutAnAnswerIsUnknown() {
    assertThat(WeChatOutcomes.paymentV3(unknown(), NOW)).isInstanceOf(PaymentCheck.Unknown.class);
    assertThat(WeChatOutcomes.paymentV3(notSent(), NOW)).isInstanceOf(PaymentCheck.Unknown.class);
  }

  // ---- prepay

  @ParameterizedTest
  @CsvSource({
    "400, ORDERPAID, AlreadyPaid",
    "400, ORDER_CLOSED, Closed",
    "429, FREQUENCY_LIMITED, Unavailable",
    "429, ANYTHING, Unavailable",
    "403, RATELIMIT_EXCEEDED, Unavailable",
    "403, OUT_TRADE_NO_USED, Refused",
    "400, APPID_MCHID_NOT_MATCH, Refused",
    "400, PARAM_ERROR, Refused",
    "401, SIGN_ERROR, Refused"
  })
  void everyPrepayRefusalIsAPrepay(int status, String code, String prepay) {
    assertThat(WeChatOutcomes.prepayV3(refused(status, code)).getClass().getSimpleName())
        .isEqualTo(prepay);
  }

  @Test
  void aPrepayIdIsIssuedAndNoAnswerIsUnavailable() {
    assertThat(
            WeChatOutcomes.prepayV3(
                new ApiV3Result.Success<>(new io.paydesk.wechatpay.v3.Prepay("wx2811"))))
        .isEqualTo(new Prepay.Issued("wx2811"));
    assertThat(WeChatOutcomes.prepayV3(unknown())).isInstanceOf(Prepay.Unavailable.class);
    assertThat(WeChatOutcomes.prepayV3(notSent())).isInstanceOf(Prepay.Unavailable.class);
  }

  // ---- close

  @ParameterizedTest
  @CsvSource({
    "400, ORDERPAID, PaidAfterAll",
    "400, ORDER_CLOSED, Closed",
    "404, ORDER_NOT_EXIST, Closed",
    "429, FREQUENCY_LIMITED, NotClosed",
    "400, PARAM_ERROR, NotClosed",
    "401, SIGN_ERROR, NotClosed"
  })
  void everyCloseRefusalIsAClosing(int status, String code, String closing) {
    assertThat(WeChatOutcomes.closingV3(refused(status, code)).getClass().getSimpleName())
        .isEqualTo(closing);
  }

  @Test
  void aClosedOrderIsClosedAndNoAnswerIsNotClosed() {
    assertThat(WeChatOutcomes.closingV3(new ApiV3Result.Success<>("")))
        .isInstanceOf(OrderClosing.Closed.class);
    assertThat(WeChatOutcomes.closingV3(unknown())).isInstanceOf(OrderClosing.NotClosed.class);
    assertThat(WeChatOutcomes.closingV3(notSent())).isInstanceOf(OrderClosing.NotClosed.class);
  }

  // ---- payment notification

  @Test
  void aNotificationOfASuccessIsPaidAndAnyOtherStateIsNotPaid() {
    PaymentNotice paid = WeChatOutcomes.noticeV3(event(transaction("SUCCESS", SUCCESS_TIME)), NOW);
    assertThat(paid)
        .isEqualTo(
            new PaymentNotice.Paid(
                new PaymentCheck.Paid("PD-1", "4200000001", 1999, SUCCESS_TIME)));
    assertThat(WeChatOutcomes.noticeV3(event(transaction("PAYERROR", null)), NOW))
        .isEqualTo(new PaymentNotice.NotPaid("PD-1"));
  }

  // ---- refund

  @ParameterizedTest
  @CsvSource({
    "403, NOT_ENOUGH, NotEnoughFunds",
    "401, SIGN_ERROR, CertificateProblem",
    "429, FREQUENCY_LIMITED, Retry",
    "403, SYSTEM_ERROR, Retry",
    "403, BANK_ERROR, Retry",
    "404, RESOURCE_NOT_EXISTS, Refused",
    "403, USER_ACCOUNT_ABNORMAL, Refused",
    "400, INVALID_REQUEST, Refused",
    "400, PARAM_ERROR, Refused"
  })
  void everyRefundRefusalIsASubmission(int status, String code, String submission) {
    assertThat(WeChatOutcomes.submissionV3(refused(status, code)).getClass().getSimpleName())
        .isEqualTo(submission);
  }

  @Test
  void anAcceptedRefundIsAcceptedAndNoAnswerIsRetriedWithTheSameNumber() {
    assertThat(
            WeChatOutcomes.submissionV3(
                new ApiV3Result.Success<>(refund(DomesticRefundStatus.PROCESSING, null))))
        .isEqualTo(new RefundSubmission.Accepted("50300001"));
    RefundSubmission unknown = WeChatOutcomes.submissionV3(unknown());
    assertThat(unknown).isInstanceOf(RefundSubmission.Retry.class);
    assertThat(((RefundSubmission.Retry) unknown).reason()).contains("same out_refund_no");
    assertThat(WeChatOutcomes.submissionV3(notSent())).isInstanceOf(RefundSubmission.Retry.class);
  }

  @ParameterizedTest
  @CsvSource({
    "SUCCESS, REFUNDED",
    "PROCESSING, PROCESSING",
    "ABNORMAL, BANK_CARD_FAILED",
    "CLOSED, CLOSED",
    "UNRECOGNIZED, UNKNOWN"
  })
  void everyRefundStatusIsAProgress(DomesticRefundStatus status, RefundProgress progress) {
    RefundReport report = WeChatOutcomes.reportV3(refund(status, SUCCESS_TIME));

    assertThat(report.progress()).isEqualTo(progress);
    assertThat(report)
        .isEqualTo(
            new RefundReport(
                "R-1", "PD-1", "50300001", 500, progress, "refund status " + status, SUCCESS_TIME));
  }

  @ParameterizedTest
  @CsvSource({
    "404, RESOURCE_NOT_EXISTS, NotAtWeChat",
    "404, ORDER_NOT_EXIST, NotAtWeChat",
    "429, FREQUENCY_LIMITED, Unknown",
    "401, SIGN_ERROR, Unknown",
    "400, PARAM_ERROR, Unknown"
  })
  void everyRefundQueryRefusalIsAFinding(int status, String code, String finding) {
    assertThat(WeChatOutcomes.findingV3(refused(status, code)).getClass().getSimpleName())
        .isEqualTo(finding);
  }

  @Test
  void aFoundRefundIsReportedAndNoAnswerIsUnknown() {
    assertThat(
            WeChatOutcomes.findingV3(
                new ApiV3Result.Success<>(refund(DomesticRefundStatus.SUCCESS, SUCCESS_TIME))))
        .isInstanceOf(RefundFinding.Found.class);
    assertThat(WeChatOutcomes.findingV3(unknown())).isInstanceOf(RefundFinding.Unknown.class);
    assertThat(WeChatOutcomes.findingV3(notSent())).isInstanceOf(RefundFinding.Unknown.class);
  }

  // ---- trade bill

  @ParameterizedTest
  @CsvSource({
    "400, NO_STATEMENT_EXIST, NoBill",
    "400, STATEMENT_CREATING, NotReady",
    "429, FREQUENCY_LIMITED, NotReady",
    "400, PARAM_ERROR, Failed",
    "400, INVALID_REQUEST, Failed"
  })
  void everyBillRefusalIsABillAnswer(int status, String code, String answer) {
    assertThat(WeChatOutcomes.billV3(refused(status, code)).getClass().getSimpleName())
        .isEqualTo(answer);
  }

  @Test
  void aBillLinkIsFollowedAndNoAnswerIsNotReady() {
    assertThat(
            WeChatOutcomes.billV3(
                new ApiV3Result.Success<>(new TradeBill("SHA1", "ab", "https://x/y"))))
        .isNull();
    assertThat(WeChatOutcomes.billV3(unknown())).isInstanceOf(BillAnswer.NotReady.class);
    assertThat(WeChatOutcomes.billV3(notSent())).isInstanceOf(BillAnswer.NotReady.class);
  }

  // ---- fixtures

  static Transaction transaction(String tradeState, Instant successTime) {
    return new Transaction(
        "wx5a9b0c1d2e3f4a5b",
        "1900000109",
        "PD-1",
        "4200000001",
        TradeState.of(tradeState),
        tradeState,
        null,
        "CMB_DEBIT",
        null,
        successTime,
        "o-buyer",
        1999,
        1999L);
  }

  static DomesticRefund refund(DomesticRefundStatus status, Instant successTime) {
    return new DomesticRefund(
        "50300001",
        "R-1",
        "4200000001",
        "PD-1",
        "ORIGINAL",
        null,
        successTime,
        null,
        status,
        status.name(),
        null,
        1999,
        500,
        null,
        null,
        null);
  }

  static PaymentEvent event(Transaction t) {
    return new PaymentEvent("EV-1", "TRANSACTION.SUCCESS", NOW, "支付成功", t);
  }

  static <T> ApiV3Result<T> refused(int status, String code) {
    return new ApiV3Result.Refused<>(new ApiV3Error(status, code, "说明"));
  }

  static <T> ApiV3Result<T> unknown() {
    return new ApiV3Result.Unknown<>(UnknownReason.HTTP_STATUS, "status=500 code=SYSTEM_ERROR");
  }

  static <T> ApiV3Result<T> notSent() {
    return new ApiV3Result.NotSent<>(NotSentReason.CONNECT_FAILED, "refused");
  }
}
