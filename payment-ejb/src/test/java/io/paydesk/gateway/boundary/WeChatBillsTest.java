package io.paydesk.gateway.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.bill.BillRow;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.RefundStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeChatBillsTest {

  static BillRow row(String tradeState, String refundStatus, Long totalFee) {
    boolean refund = "REFUND".equals(tradeState);
    return new BillRow(
        null,
        "wx1",
        "1900000109",
        null,
        null,
        "4200PD1",
        "PD1",
        "o-buyer",
        "JSAPI",
        tradeState,
        "CFT",
        "CNY",
        1999,
        0,
        null,
        null,
        refund ? "5030RF1" : null,
        refund ? "RF1" : null,
        refund ? 300 : 0,
        0,
        refund ? "ORIGINAL" : null,
        refundStatus,
        "T恤",
        null,
        refund ? -1800 : 11994,
        "0.60%",
        totalFee,
        null,
        null);
  }

  @Test
  void aPaymentLineIsPaidUnlessRevokedWithTheOrderAmountWhenTheBillHasIt() {
    BillEntry paid = WeChatBills.entry(row("SUCCESS", null, 2000L));
    assertThat(paid.refund()).isFalse();
    assertThat(paid.state()).isEqualTo(BillEntry.State.PAID);
    assertThat(paid.amountFen()).isEqualTo(2000);
    assertThat(paid.feeMilliFen()).isEqualTo(11994);
    assertThat(WeChatBills.entry(row("SUCCESS", null, null)).amountFen()).isEqualTo(1999);
    assertThat(WeChatBills.entry(row("REVOKED", null, null)).state())
        .isEqualTo(BillEntry.State.REVOKED);
  }

  @Test
  void aRefundLineCarriesItsNumbersAndItsStatusInPayDesksTerms() {
    BillEntry refund = WeChatBills.entry(row("REFUND", "SUCCESS", null));
    assertThat(refund.refund()).isTrue();
    assertThat(refund.outRefundNo()).isEqualTo("RF1");
    assertThat(refund.refundId()).isEqualTo("5030RF1");
    assertThat(refund.amountFen()).isEqualTo(300);
    assertThat(refund.state()).isEqualTo(BillEntry.State.REFUNDED);
    assertThat(WeChatBills.entry(row("REFUND", "NEWCODE", null)).state())
        .isEqualTo(BillEntry.State.UNKNOWN);
  }

  @Test
  void everyRefundStatusOfABillHasAState() {
    assertThat(WeChatBills.refundState(RefundStatus.SUCCESS)).isEqualTo(BillEntry.State.REFUNDED);
    assertThat(WeChatBills.refundState(RefundStatus.PROCESSING))
        .isEqualTo(BillEntry.State.PROCESSING);
    assertThat(WeChatBills.refundState(RefundStatus.CHANGE)).isEqualTo(BillEntry.State.FAILED);
    assertThat(WeChatBills.refundState(RefundStatus.REFUNDCLOSE)).isEqualTo(BillEntry.State.FAILED);
    assertThat(WeChatBills.refundState(RefundStatus.UNRECOGNIZED))
        .isEqualTo(BillEntry.State.UNKNOWN);
  }

  @Test
  void aStateMustFitItsLine() {
    assertThatThrownBy(
            () -> new BillEntry(true, "PD1", null, "RF1", null, 1, BillEntry.State.PAID, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new BillEntry(false, "PD1", null, null, null, 1, BillEntry.State.REFUNDED, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBillNotReadyOrRefusedSaysWhy() {
    assertThat(
            WeChatBills.answer(
                new CallResult.CommunicationFailure<>(
                    "Bill Creating", Map.of("return_msg", "Bill Creating", "error_code", "20003"))))
        .isEqualTo(new BillAnswer.NotReady("bill not ready: Bill Creating (error_code 20003)"));
    assertThat(
            WeChatBills.answer(
                new CallResult.CommunicationFailure<>(
                    "invalid bill_date",
                    Map.of("return_msg", "invalid bill_date", "error_code", "20001"))))
        .isInstanceOf(BillAnswer.Failed.class);
    assertThat(
            WeChatBills.answer(
                new CallResult.Unknown<>(CallResult.UnknownReason.TIMEOUT, "read timed out")))
        .isEqualTo(new BillAnswer.NotReady("bill not ready: UNKNOWN"));
  }
}
