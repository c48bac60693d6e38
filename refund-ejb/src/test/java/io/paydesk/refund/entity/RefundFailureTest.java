package io.paydesk.refund.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RefundFailureTest {

  @ParameterizedTest
  @EnumSource(
      value = RefundFailure.class,
      names = {"BANK_CARD_FAILED", "CLOSED_AT_WECHAT"})
  void aRecordedReasonReadsBackAsItsKind(RefundFailure failure) {
    assertThat(RefundFailure.of(RefundStatus.FAILED, failure.reason())).isEqualTo(failure);
  }

  @Test
  void bothNotEnoughReasonsReadBackAsNotEnoughFunds() {
    assertThat(RefundFailure.of(RefundStatus.FAILED, RefundFailure.notEnoughFunds(false)))
        .isEqualTo(RefundFailure.NOT_ENOUGH_FUNDS);
    assertThat(RefundFailure.of(RefundStatus.FAILED, RefundFailure.notEnoughFunds(true)))
        .isEqualTo(RefundFailure.NOT_ENOUGH_FUNDS);
    assertThat(RefundFailure.notEnoughFunds(true))
        .isNotEqualTo(RefundFailure.notEnoughFunds(false));
    assertThat(RefundFailure.NOT_ENOUGH_FUNDS.reason())
        .isEqualTo(RefundFailure.notEnoughFunds(false));
  }

  @Test
  void anyOtherReasonIsARefusalAndOnlyFailedRefundsHaveAFailure() {
    assertThat(
            RefundFailure.of(
                RefundStatus.FAILED,
                "WeChat refused the refund: PARAM_ERROR. Nothing was refunded; check the order"))
        .isEqualTo(RefundFailure.REFUSED);
    assertThat(RefundFailure.of(RefundStatus.FAILED, null)).isEqualTo(RefundFailure.REFUSED);
    assertThat(RefundFailure.of(RefundStatus.PROCESSING, RefundFailure.BANK_CARD_FAILED.reason()))
        .isNull();
    assertThatThrownBy(RefundFailure.REFUSED::reason).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void everyReasonFitsTheRecord() {
    assertThat(RefundFailure.notEnoughFunds(false)).hasSizeLessThanOrEqualTo(Refund.MAX_REASON);
    assertThat(RefundFailure.notEnoughFunds(true)).hasSizeLessThanOrEqualTo(Refund.MAX_REASON);
    assertThat(RefundFailure.BANK_CARD_FAILED.reason()).hasSizeLessThanOrEqualTo(Refund.MAX_REASON);
    assertThat(RefundFailure.CLOSED_AT_WECHAT.reason()).hasSizeLessThanOrEqualTo(Refund.MAX_REASON);
  }
}
