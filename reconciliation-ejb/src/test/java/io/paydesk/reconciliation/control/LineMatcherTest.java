package io.paydesk.reconciliation.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.gateway.boundary.BillEntry;
import io.paydesk.gateway.boundary.BillEntry.State;
import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.reconciliation.control.PayDeskRecords.Payment;
import io.paydesk.reconciliation.control.PayDeskRecords.Refund;
import io.paydesk.reconciliation.entity.DiscrepancyType;
import io.paydesk.refund.entity.RefundStatus;
import org.junit.jupiter.api.Test;

class LineMatcherTest {

  static BillEntry paid(String outTradeNo, long fen) {
    return new BillEntry(
        false, outTradeNo, "4200" + outTradeNo, null, null, fen, State.PAID, 6 * fen);
  }

  static BillEntry refunded(String outRefundNo, long fen, State state) {
    return new BillEntry(
        true, "PD1", "4200PD1", outRefundNo, "5030" + outRefundNo, fen, state, -6 * fen);
  }

  @Test
  void aPaidAttemptWithTheSameAmountAndIdAgreesAndCountsForPayDesk() {
    var match =
        LineMatcher.payment(
            paid("PD1", 1999), new Payment("PD1", AttemptStatus.PAID, 1999, "4200PD1"));
    assertThat(match.findings()).isEmpty();
    assertThat(match.paydeskCounts()).isTrue();
    assertThat(match.paydeskFen()).isEqualTo(1999);
  }

  @Test
  void aPaymentPayDeskNeverHeardOfIsPaidAtWeChatOnly() {
    var match = LineMatcher.payment(paid("PD9", 100), null);
    assertThat(match.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(DiscrepancyType.PAID_AT_WECHAT_ONLY);
              assertThat(f.wechatFen()).isEqualTo(100);
              assertThat(f.paydeskFen()).isNull();
            });
    assertThat(match.paydeskCounts()).isFalse();
  }

  @Test
  void anOpenAttemptIsPaidAtWeChatOnlyAndAClosedOneAStatusMismatch() {
    assertThat(
            LineMatcher.payment(paid("PD1", 100), new Payment("PD1", AttemptStatus.OPEN, 100, null))
                .findings())
        .extracting(Finding::type, Finding::paydeskStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DiscrepancyType.PAID_AT_WECHAT_ONLY, "OPEN"));
    assertThat(
            LineMatcher.payment(
                    paid("PD1", 100), new Payment("PD1", AttemptStatus.CLOSED, 100, null))
                .findings())
        .extracting(Finding::type)
        .containsExactly(DiscrepancyType.STATUS_MISMATCH);
  }

  @Test
  void anotherAmountIsAnAmountMismatchAndPayDeskCountsItsOwnAmount() {
    var match =
        LineMatcher.payment(
            paid("PD1", 101), new Payment("PD1", AttemptStatus.PAID, 100, "4200PD1"));
    assertThat(match.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(DiscrepancyType.AMOUNT_MISMATCH);
              assertThat(f.wechatFen()).isEqualTo(101);
              assertThat(f.paydeskFen()).isEqualTo(100);
            });
    assertThat(match.paydeskFen()).isEqualTo(100);
  }

  @Test
  void aRevokedPaymentOrAnotherTransactionIdIsAStatusMismatch() {
    var revoked = new BillEntry(false, "PD1", "4200PD1", null, null, 100, State.REVOKED, 0);
    assertThat(
            LineMatcher.payment(revoked, new Payment("PD1", AttemptStatus.PAID, 100, "4200PD1"))
                .findings())
        .extracting(Finding::type)
        .containsExactly(DiscrepancyType.STATUS_MISMATCH);
    assertThat(
            LineMatcher.payment(
                    paid("PD1", 100), new Payment("PD1", AttemptStatus.PAID, 100, "other"))
                .findings())
        .extracting(Finding::type)
        .containsExactly(DiscrepancyType.STATUS_MISMATCH);
  }

  @Test
  void refundsAgreeWhenStateAmountAndIdAgree() {
    var match =
        LineMatcher.refund(
            refunded("RF1", 300, State.REFUNDED),
            new Refund("RF1", "PD1", RefundStatus.REFUNDED, 300, "5030RF1"));
    assertThat(match.findings()).isEmpty();
    assertThat(match.paydeskFen()).isEqualTo(300);
    assertThat(
            LineMatcher.refund(
                    refunded("RF2", 300, State.FAILED),
                    new Refund("RF2", "PD1", RefundStatus.FAILED, 300, null))
                .findings())
        .isEmpty();
  }

  @Test
  void aRefundPayDeskLacksIsMissingAndOthersMismatch() {
    assertThat(LineMatcher.refund(refunded("RF1", 300, State.REFUNDED), null).findings())
        .extracting(Finding::type)
        .containsExactly(DiscrepancyType.REFUND_MISSING);
    var processing =
        LineMatcher.refund(
            refunded("RF1", 300, State.REFUNDED),
            new Refund("RF1", "PD1", RefundStatus.PROCESSING, 300, null));
    assertThat(processing.findings())
        .extracting(Finding::type, Finding::paydeskStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DiscrepancyType.REFUND_MISMATCH, "PROCESSING"));
    assertThat(processing.paydeskCounts()).isFalse();
    assertThat(
            LineMatcher.refund(
                    refunded("RF1", 301, State.REFUNDED),
                    new Refund("RF1", "PD1", RefundStatus.REFUNDED, 300, "5030RF1"))
                .findings())
        .extracting(Finding::type)
        .containsExactly(DiscrepancyType.REFUND_MISMATCH);
  }

  @Test
  void aRefundLineExpectsThePayDeskStatusOfItsState() {
    assertThat(LineMatcher.expectedStatus(State.REFUNDED)).isEqualTo(RefundStatus.REFUNDED);
    assertThat(LineMatcher.expectedStatus(State.PROCESSING)).isEqualTo(RefundStatus.PROCESSING);
    assertThat(LineMatcher.expectedStatus(State.FAILED)).isEqualTo(RefundStatus.FAILED);
    assertThat(LineMatcher.expectedStatus(State.UNKNOWN)).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LineMatcher.expectedStatus(State.PAID))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRefundInAStateThisVersionDoesNotKnowIsComparedOnAmountAndIdOnly() {
    var unknown = refunded("RF1", 300, State.UNKNOWN);
    assertThat(
            LineMatcher.refund(unknown, new Refund("RF1", "PD1", RefundStatus.FAILED, 300, null))
                .findings())
        .isEmpty();
    assertThat(
            LineMatcher.refund(unknown, new Refund("RF1", "PD1", RefundStatus.FAILED, 299, null))
                .findings())
        .extracting(Finding::detail)
        .containsExactly("WeChat 300 fen, PayDesk 299 fen");
  }
}
