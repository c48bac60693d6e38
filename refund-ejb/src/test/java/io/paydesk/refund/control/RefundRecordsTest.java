package io.paydesk.refund.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.gateway.entity.RefundProgress;
import io.paydesk.gateway.entity.RefundReport;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.refund.control.RefundRecords.Change;
import io.paydesk.refund.entity.NewRefund;
import io.paydesk.refund.entity.Refund;
import io.paydesk.refund.entity.RefundFailure;
import io.paydesk.refund.entity.RefundStatus;
import io.paydesk.refund.entity.RefundTerms;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each report from WeChat does to a refund, without a container. */
class RefundRecordsTest {

  static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
  static final Instant REFUNDED_AT = NOW.minusSeconds(20);
  static final Duration QUERY_AFTER = Duration.ofMinutes(10);

  static Refund approved() {
    Refund refund =
        Refund.request(
            new NewRefund("SO-1", 300L, "尺码不合适", "req-1"),
            new RefundTerms("RF1", "PD1", 1999, 1),
            "support-li",
            NOW);
    refund.approve("finance-wang", NOW);
    return refund;
  }

  static Refund processing() {
    Refund refund = approved();
    refund.accepted("50300", "wechat-refund", NOW, NOW.plus(QUERY_AFTER));
    return refund;
  }

  static RefundReport report(RefundProgress progress) {
    return new RefundReport("RF1", "PD1", "50300", 300, progress, "refund_status X", REFUNDED_AT);
  }

  static Change learned(Refund refund, RefundReport report) {
    return RefundRecords.learned(refund, report, "janitor", NOW, QUERY_AFTER);
  }

  @Test
  void processingAcceptsAnApprovedRefundOnceAndIsAskedAboutLater() {
    Refund refund = approved();

    assertThat(learned(refund, report(RefundProgress.PROCESSING))).isEqualTo(Change.ACCEPTED);
    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(refund.refundId()).isEqualTo("50300");
    assertThat(refund.nextAttemptAt()).isEqualTo(NOW.plus(QUERY_AFTER));
    assertThat(learned(refund, report(RefundProgress.PROCESSING))).isEqualTo(Change.NONE);
  }

  @Test
  void refundedIsFinalAndARepeatChangesNothing() {
    Refund refund = processing();

    assertThat(learned(refund, report(RefundProgress.REFUNDED))).isEqualTo(Change.REFUNDED);
    assertThat(refund.status()).isEqualTo(RefundStatus.REFUNDED);
    assertThat(refund.refundedAt()).isEqualTo(REFUNDED_AT);
    assertThat(learned(refund, report(RefundProgress.REFUNDED))).isEqualTo(Change.NONE);
  }

  @Test
  void anApprovedRefundWhoseAcceptanceWasLostCanBeRefunded() {
    Refund refund = approved();

    assertThat(learned(refund, report(RefundProgress.REFUNDED))).isEqualTo(Change.REFUNDED);
    assertThat(refund.status()).isEqualTo(RefundStatus.REFUNDED);
    assertThat(refund.history())
        .extracting(h -> h.toStatus())
        .containsSubsequence(RefundStatus.PROCESSING, RefundStatus.REFUNDED);
  }

  @Test
  void aFailedBankCardOrAClosedRefundFailsItWithWhatStaffMustDo() {
    Refund bankCard = processing();
    assertThat(learned(bankCard, report(RefundProgress.BANK_CARD_FAILED))).isEqualTo(Change.FAILED);
    assertThat(bankCard.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(bankCard.failure()).isEqualTo(RefundFailure.BANK_CARD_FAILED);
    assertThat(bankCard.lastOutcome()).startsWith("CHANGE: ").contains("refund the buyer");
    assertThat(learned(bankCard, report(RefundProgress.BANK_CARD_FAILED))).isEqualTo(Change.NONE);

    Refund closed = processing();
    assertThat(learned(closed, report(RefundProgress.CLOSED))).isEqualTo(Change.FAILED);
    assertThat(closed.failure()).isEqualTo(RefundFailure.CLOSED_AT_WECHAT);
    assertThat(closed.lastOutcome()).startsWith("REFUNDCLOSE: ");
  }

  @Test
  void anUnknownStateChangesNothing() {
    Refund refund = processing();

    assertThat(learned(refund, report(RefundProgress.UNKNOWN))).isEqualTo(Change.NONE);
    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
  }

  @Test
  void aReportOfAnotherRefundIsRefusedAndChangesNothing() {
    Refund refund = processing();

    assertMismatch(
        refund,
        new RefundReport("RF1", "PD1", "50300", 299, RefundProgress.REFUNDED, "x", REFUNDED_AT));
    assertMismatch(
        refund,
        new RefundReport("RF1", "PD2", "50300", 300, RefundProgress.REFUNDED, "x", REFUNDED_AT));
    assertMismatch(
        refund,
        new RefundReport("RF1", "PD1", "50301", 300, RefundProgress.REFUNDED, "x", REFUNDED_AT));
    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
  }

  private static void assertMismatch(Refund refund, RefundReport report) {
    assertThatThrownBy(() -> learned(refund, report))
        .isInstanceOfSatisfying(
            PayDeskException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REFUND_MISMATCH));
  }
}
