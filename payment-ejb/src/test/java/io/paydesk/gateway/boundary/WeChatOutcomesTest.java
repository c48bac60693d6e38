package io.paydesk.gateway.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.gateway.boundary.WeChatOutcomes.ErrorAction;
import io.paydesk.gateway.boundary.WeChatOutcomes.Finding;
import io.paydesk.gateway.boundary.WeChatOutcomes.RefundFinding;
import io.paydesk.gateway.boundary.WeChatOutcomes.RefundSubmission;
import io.paydesk.platform.job.boundary.Backoff;
import io.paydesk.wechatpay.ErrCode;
import io.paydesk.wechatpay.WeChatError;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.client.TradeState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeChatOutcomesTest {

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
    assertThat(
            WeChatOutcomes.ofBill(
                new CallResult.Unknown<>(CallResult.UnknownReason.TIMEOUT, "timeout")))
        .isEqualTo(WeChatOutcomes.BillAnswer.NOT_YET);
    assertThat(
            WeChatOutcomes.ofBill(
                new CallResult.NotSent<>(CallResult.NotSentReason.CONNECT_FAILED, "refused")))
        .isEqualTo(WeChatOutcomes.BillAnswer.NOT_YET);
  }

  @Test
  void everyTradeStateHasAFinding() {
    assertThat(WeChatOutcomes.of(TradeState.SUCCESS)).isEqualTo(Finding.PAID);
    assertThat(WeChatOutcomes.of(TradeState.REFUND)).isEqualTo(Finding.PAID);
    assertThat(WeChatOutcomes.of(TradeState.NOTPAY)).isEqualTo(Finding.WAITING);
    assertThat(WeChatOutcomes.of(TradeState.USERPAYING)).isEqualTo(Finding.WAITING);
    assertThat(WeChatOutcomes.of(TradeState.ACCEPT)).isEqualTo(Finding.WAITING);
    assertThat(WeChatOutcomes.of(TradeState.CLOSED)).isEqualTo(Finding.CANNOT_BE_PAID);
    assertThat(WeChatOutcomes.of(TradeState.REVOKED)).isEqualTo(Finding.CANNOT_BE_PAID);
    assertThat(WeChatOutcomes.of(TradeState.PAYERROR)).isEqualTo(Finding.CANNOT_BE_PAID);
    assertThat(WeChatOutcomes.of(TradeState.UNRECOGNIZED)).isEqualTo(Finding.UNKNOWN);
  }

  @Test
  void errorCodesMapToActionsAndUnknownOnesAreNeverGuessedAsDone() {
    assertThat(WeChatOutcomes.of(ErrCode.SYSTEMERROR)).isEqualTo(ErrorAction.RETRY);
    assertThat(WeChatOutcomes.of(ErrCode.FREQUENCY_LIMITED)).isEqualTo(ErrorAction.RETRY);
    assertThat(WeChatOutcomes.of(ErrCode.ORDERPAID)).isEqualTo(ErrorAction.QUERY_PAID);
    assertThat(WeChatOutcomes.of(ErrCode.ORDERCLOSED)).isEqualTo(ErrorAction.CLOSED);
    assertThat(WeChatOutcomes.of(ErrCode.ORDERNOTEXIST)).isEqualTo(ErrorAction.NOT_AT_WECHAT);
    assertThat(WeChatOutcomes.of(ErrCode.REFUNDNOTEXIST)).isEqualTo(ErrorAction.NOT_AT_WECHAT);
    assertThat(WeChatOutcomes.of(ErrCode.SIGNERROR)).isEqualTo(ErrorAction.REFUSED);
    assertThat(WeChatOutcomes.of(ErrCode.UNRECOGNIZED)).isEqualTo(ErrorAction.REFUSED);
  }

  @Test
  void everyRefundStatusHasAFindingAndUnknownOnesAreNeverGuessedAsDone() {
    assertThat(WeChatOutcomes.of(RefundStatus.SUCCESS)).isEqualTo(RefundFinding.REFUNDED);
    assertThat(WeChatOutcomes.of(RefundStatus.PROCESSING)).isEqualTo(RefundFinding.PROCESSING);
    assertThat(WeChatOutcomes.of(RefundStatus.CHANGE)).isEqualTo(RefundFinding.BANK_CARD_FAILED);
    assertThat(WeChatOutcomes.of(RefundStatus.REFUNDCLOSE)).isEqualTo(RefundFinding.CLOSED);
    assertThat(WeChatOutcomes.of(RefundStatus.UNRECOGNIZED)).isEqualTo(RefundFinding.UNKNOWN);
  }

  @Test
  void refundAnswersMapToWhatHappensToTheRefund() {
    assertThat(WeChatOutcomes.ofRefund(new CallResult.Success<>("accepted")))
        .isEqualTo(RefundSubmission.ACCEPTED);
    assertThat(WeChatOutcomes.ofRefund(business("NOTENOUGH")))
        .isEqualTo(RefundSubmission.NOT_ENOUGH_FUNDS);
    assertThat(WeChatOutcomes.ofRefund(business("SYSTEMERROR"))).isEqualTo(RefundSubmission.RETRY);
    assertThat(WeChatOutcomes.ofRefund(business("FREQUENCY_LIMITED")))
        .isEqualTo(RefundSubmission.RETRY);
    assertThat(WeChatOutcomes.ofRefund(business("PARAM_ERROR")))
        .isEqualTo(RefundSubmission.REFUSED);
    assertThat(WeChatOutcomes.ofRefund(business("TRADE_OVERDUE")))
        .isEqualTo(RefundSubmission.REFUSED);
    assertThat(WeChatOutcomes.ofRefund(business("SOMETHING_NEW")))
        .isEqualTo(RefundSubmission.REFUSED);
    assertThat(WeChatOutcomes.ofRefund(communication("证书校验错误")))
        .isEqualTo(RefundSubmission.CERTIFICATE);
    assertThat(WeChatOutcomes.ofRefund(communication("No Certificate")))
        .isEqualTo(RefundSubmission.CERTIFICATE);
    assertThat(WeChatOutcomes.ofRefund(communication("签名错误"))).isEqualTo(RefundSubmission.RETRY);
    assertThat(WeChatOutcomes.ofRefund(communication(null))).isEqualTo(RefundSubmission.RETRY);
    assertThat(
            WeChatOutcomes.ofRefund(
                new CallResult.NotSent<>(CallResult.NotSentReason.TLS_HANDSHAKE_FAILED, "x")))
        .isEqualTo(RefundSubmission.CERTIFICATE);
    assertThat(
            WeChatOutcomes.ofRefund(
                new CallResult.NotSent<>(CallResult.NotSentReason.CONNECT_FAILED, "x")))
        .isEqualTo(RefundSubmission.RETRY);
    assertThat(
            WeChatOutcomes.ofRefund(
                new CallResult.Unknown<>(CallResult.UnknownReason.TIMEOUT, "x")))
        .isEqualTo(RefundSubmission.RETRY);
  }

  private static CallResult<Object> business(String errCode) {
    return new CallResult.BusinessFailure<>(WeChatError.of(errCode, "described"), Map.of());
  }

  private static CallResult<Object> communication(String returnMsg) {
    return new CallResult.CommunicationFailure<>(returnMsg, Map.of());
  }

  @Test
  void backoffUsesTheLastDelayOnceTheListRunsOut() {
    Backoff backoff = Backoff.parse("PT1M, PT5M,PT15M,PT1H");
    Instant now = Instant.parse("2026-11-28T00:00:00Z");

    assertThat(backoff.next(0, now)).isEqualTo(now.plus(Duration.ofMinutes(1)));
    assertThat(backoff.next(2, now)).isEqualTo(now.plus(Duration.ofMinutes(15)));
    assertThat(backoff.next(9, now)).isEqualTo(now.plus(Duration.ofHours(1)));
  }
}
