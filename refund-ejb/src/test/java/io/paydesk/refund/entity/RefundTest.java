package io.paydesk.refund.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.platform.audit.entity.StatusHistory;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RefundTest {

  static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
  static final Duration HOLD = Duration.ofMinutes(2);

  static Refund refund(long amount, int approvals) {
    return Refund.request(
        new NewRefund("SO-1", amount, "尺码不合适", "req-1"),
        new RefundTerms("RF261128020000" + "0".repeat(18), "PD1", 10_000, approvals),
        "support-li",
        NOW);
  }

  @Test
  void aNewRefundWaitsForApprovalWithItsFirstHistoryRow() {
    Refund refund = refund(2_500, 1);

    assertThat(refund.status()).isEqualTo(RefundStatus.PENDING_APPROVAL);
    assertThat(refund.amount()).isEqualTo(2_500);
    assertThat(refund.totalFee()).isEqualTo(10_000);
    assertThat(refund.nextAttemptAt()).isNull();
    assertThat(refund.history())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.fromStatus()).isNull();
              assertThat(h.toStatus()).isEqualTo(RefundStatus.PENDING_APPROVAL);
              assertThat(h.actor()).isEqualTo("support-li");
              assertThat(h.reason()).isEqualTo("尺码不合适");
            });
  }

  @Test
  void badRequestsAreRefused() {
    assertInvalid(new NewRefund("SO-1", 0L, "x", "req-1"));
    assertInvalid(new NewRefund("SO-1", -5L, "x", "req-1"));
    assertInvalid(new NewRefund("SO-1", null, "x", "req-1"));
    assertInvalid(new NewRefund("SO-1", 1L, " ", "req-1"));
    assertInvalid(new NewRefund("SO-1", 1L, "x".repeat(Refund.MAX_REASON + 1), "req-1"));
    assertInvalid(new NewRefund("SO-1", 1L, "x", "has space"));
    assertInvalid(new NewRefund("SO-1", 1L, "x", "r".repeat(65)));
    assertInvalid(new NewRefund(null, 1L, "x", "req-1"));
    assertThatThrownBy(() -> Refund.validate(null, "shop")).isInstanceOf(PayDeskException.class);
    assertThatThrownBy(() -> Refund.validate(new NewRefund("SO-1", 1L, "x", "r"), " "))
        .isInstanceOf(PayDeskException.class);
    assertCode(() -> refund(10_001, 1), ErrorCode.REFUND_EXCEEDS_PAID);
  }

  @Test
  void theSameRequestMatchesAndADifferentOneDoesNot() {
    Refund refund = refund(2_500, 1);

    assertThat(refund.matches(new NewRefund("SO-1", 2_500L, "尺码不合适", "req-1"))).isTrue();
    assertThat(refund.matches(new NewRefund("SO-1", 2_500L, " 尺码不合适 ", "req-1"))).isTrue();
    assertThat(refund.matches(new NewRefund("SO-1", 2_501L, "尺码不合适", "req-1"))).isFalse();
    assertThat(refund.matches(new NewRefund("SO-1", 2_500L, "其他", "req-1"))).isFalse();
  }

  @Test
  void oneApprovalApprovesAndASecondChangesNothing() {
    Refund refund = refund(2_500, 1);

    assertThat(refund.approve("finance-wang", NOW)).isEqualTo(Refund.Approval.APPROVED);
    assertThat(refund.approve("finance-zhao", NOW)).isEqualTo(Refund.Approval.ALREADY_APPROVED);
    assertThat(refund.status()).isEqualTo(RefundStatus.APPROVED);
    assertThat(refund.approvers()).containsExactly("finance-wang");
    assertThat(refund.nextAttemptAt()).isEqualTo(NOW);
    assertThat(refund.history()).hasSize(2);
  }

  @Test
  void fourEyesNeedsTwoDifferentApprovers() {
    Refund refund = refund(9_000, 2);

    assertThat(refund.approve("finance-wang", NOW)).isEqualTo(Refund.Approval.FIRST_OF_TWO);
    assertThat(refund.status()).isEqualTo(RefundStatus.PENDING_SECOND_APPROVAL);
    assertThat(refund.nextAttemptAt()).isNull();

    assertCode(
        () -> refund.approve("finance-wang", NOW), ErrorCode.REFUND_SECOND_APPROVER_REQUIRED);
    assertThat(refund.status()).isEqualTo(RefundStatus.PENDING_SECOND_APPROVAL);
    assertThat(refund.history()).hasSize(2);

    assertThat(refund.approve("finance-zhao", NOW)).isEqualTo(Refund.Approval.APPROVED);
    assertThat(refund.status()).isEqualTo(RefundStatus.APPROVED);
    assertThat(refund.approvers()).containsExactly("finance-wang", "finance-zhao");
    assertThat(refund.history()).extracting(RefundHistory::actor).endsWith("finance-zhao");
    assertThat(refund.approve("finance-wang", NOW)).isEqualTo(Refund.Approval.ALREADY_APPROVED);
  }

  @Test
  void aRejectionNeedsAReasonAndEndsTheRefund() {
    Refund refund = refund(2_500, 2);
    refund.approve("finance-wang", NOW);

    assertInvalidCall(() -> refund.reject("finance-zhao", " ", NOW));
    assertThat(refund.reject("finance-zhao", "已线下退款", NOW)).isTrue();
    assertThat(refund.reject("finance-zhao", "已线下退款", NOW)).isFalse();
    assertThat(refund.status()).isEqualTo(RefundStatus.REJECTED);
    assertThat(refund.history()).last().extracting(RefundHistory::reason).isEqualTo("已线下退款");
    assertCode(() -> refund.approve("finance-li", NOW), ErrorCode.REFUND_ILLEGAL_TRANSITION);
  }

  @Test
  void anApprovedRefundCannotBeRejected() {
    Refund refund = refund(2_500, 1);
    refund.approve("finance-wang", NOW);

    assertCode(
        () -> refund.reject("finance-wang", "changed my mind", NOW),
        ErrorCode.REFUND_ILLEGAL_TRANSITION);
  }

  @Test
  void aSubmissionIsClaimedOnceUntilItsHoldRunsOut() {
    Refund refund = refund(2_500, 1);
    assertThat(refund.claimSubmission(NOW, HOLD)).isFalse();
    refund.approve("finance-wang", NOW);

    assertThat(refund.claimSubmission(NOW, HOLD)).isTrue();
    assertThat(refund.claimSubmission(NOW, HOLD)).isFalse();
    assertThat(refund.claimSubmission(NOW.plus(HOLD), HOLD)).isTrue();
    assertThat(refund.submissions()).isEqualTo(2);
  }

  @Test
  void anUnknownOutcomeLeavesItApprovedToBeSentAgainWithTheSameNumber() {
    Refund refund = refund(2_500, 1);
    refund.approve("finance-wang", NOW);
    String outRefundNo = refund.outRefundNo();
    refund.claimSubmission(NOW, HOLD);

    refund.tryAgainAt(NOW.plusSeconds(60), "outcome unknown: TIMEOUT");

    assertThat(refund.status()).isEqualTo(RefundStatus.APPROVED);
    assertThat(refund.outRefundNo()).isEqualTo(outRefundNo);
    assertThat(refund.lastOutcome()).isEqualTo("outcome unknown: TIMEOUT");
    assertThat(refund.checks()).isEqualTo(1);
    assertThat(refund.claimSubmission(NOW.plusSeconds(60), HOLD)).isTrue();
  }

  @Test
  void acceptedThenRefundedOnceWhateverRepeats() {
    Refund refund = refund(2_500, 1);
    refund.approve("finance-wang", NOW);

    assertThat(refund.accepted("50300", "wechat-refund", NOW, NOW.plusSeconds(600))).isTrue();
    assertThat(refund.accepted("50300", "janitor", NOW, NOW)).isFalse();
    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(refund.nextAttemptAt()).isEqualTo(NOW.plusSeconds(600));

    assertThat(refund.refunded("50300", NOW, "wechat-notification", NOW)).isTrue();
    assertThat(refund.refunded("50300", NOW, "wechat-notification", NOW)).isFalse();
    assertThat(refund.status()).isEqualTo(RefundStatus.REFUNDED);
    assertThat(refund.refundedAt()).isEqualTo(NOW);
    assertThat(refund.nextAttemptAt()).isNull();
    assertCode(
        () -> refund.refunded("50399", NOW, "wechat-notification", NOW), ErrorCode.REFUND_MISMATCH);
    assertCode(
        () -> refund.failedAtWeChat("50300", "REFUNDCLOSE", "janitor", NOW),
        ErrorCode.REFUND_ILLEGAL_TRANSITION);
  }

  @Test
  void aRefundWhoseAcceptanceWasLostPassesThroughProcessing() {
    Refund refund = refund(2_500, 1);
    refund.approve("finance-wang", NOW);

    assertThat(refund.refunded("50300", NOW, "wechat-notification", NOW)).isTrue();

    assertThat(refund.history())
        .extracting(RefundHistory::toStatus)
        .containsExactly(
            RefundStatus.PENDING_APPROVAL,
            RefundStatus.APPROVED,
            RefundStatus.PROCESSING,
            RefundStatus.REFUNDED);
    assertThat(refund.refundId()).isEqualTo("50300");
  }

  @Test
  void wechatCanFailAnAcceptedRefundAndRefuseAnApprovedOne() {
    Refund change = refund(2_500, 1);
    change.approve("finance-wang", NOW);
    change.accepted("50300", "wechat-refund", NOW, NOW);
    assertThat(change.failedAtWeChat("50300", "CHANGE: manual handling", "janitor", NOW)).isTrue();
    assertThat(change.failedAtWeChat("50300", "CHANGE: manual handling", "janitor", NOW)).isFalse();
    assertThat(change.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(change.lastOutcome()).isEqualTo("CHANGE: manual handling");

    Refund notEnough = refund(2_500, 1);
    notEnough.approve("finance-wang", NOW);
    assertThat(notEnough.useRechargeFunds("NOTENOUGH")).isTrue();
    assertThat(notEnough.useRechargeFunds("NOTENOUGH")).isFalse();
    assertThat(notEnough.refundAccount()).isEqualTo(Refund.RECHARGE_FUNDS);
    assertThat(notEnough.refused("NOTENOUGH: top up", "wechat-refund", NOW)).isTrue();
    assertThat(notEnough.status()).isEqualTo(RefundStatus.FAILED);

    Refund pending = refund(2_500, 1);
    assertCode(
        () -> pending.refused("refused", "wechat-refund", NOW),
        ErrorCode.REFUND_ILLEGAL_TRANSITION);
    assertCode(
        () -> pending.refunded("50300", NOW, "wechat-notification", NOW),
        ErrorCode.REFUND_ILLEGAL_TRANSITION);
  }

  @Test
  void aRefundWhoseBankCardPaymentFailedIsSettledOfflineOnceAndEnds() {
    Refund refund = refund(2_500, 1);
    refund.approve("finance-wang", NOW);
    refund.failedAtWeChat("50300", RefundFailure.BANK_CARD_FAILED.reason(), "janitor", NOW);
    OfflineSettlement transfer =
        new OfflineSettlement(OfflineMethod.BANK_TRANSFER, " ICBC-7781 ", "to the buyer's account");

    assertThat(refund.settleOffline(transfer, "finance-zhao", NOW.plusSeconds(60))).isTrue();
    assertThat(refund.settleOffline(transfer, "finance-zhao", NOW.plusSeconds(90))).isFalse();

    assertThat(refund.status()).isEqualTo(RefundStatus.SETTLED_OFFLINE);
    assertThat(refund.status().isFinal()).isTrue();
    assertThat(refund.status().counts()).isTrue();
    assertThat(refund.status().atWeChat()).isEqualTo(RefundStatus.FAILED);
    assertThat(refund.offlineSettlement().reference()).isEqualTo("ICBC-7781");
    assertThat(refund.offlineBy()).isEqualTo("finance-zhao");
    assertThat(refund.offlineAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(refund.history())
        .last()
        .satisfies(
            h -> {
              assertThat(h.fromStatus()).isEqualTo(RefundStatus.FAILED);
              assertThat(h.toStatus()).isEqualTo(RefundStatus.SETTLED_OFFLINE);
              assertThat(h.actor()).isEqualTo("finance-zhao");
              assertThat(h.reason()).contains("BANK_TRANSFER", "ICBC-7781");
            });
  }

  @Test
  void onlyABankCardFailureIsSettledOffline() {
    OfflineSettlement cash = new OfflineSettlement(OfflineMethod.CASH, null, null);
    Refund closed = refund(2_500, 1);
    closed.approve("finance-wang", NOW);
    closed.failedAtWeChat("50301", RefundFailure.CLOSED_AT_WECHAT.reason(), "janitor", NOW);
    Refund waiting = refund(2_500, 1);
    Refund refunded = refund(2_500, 1);
    refunded.approve("finance-wang", NOW);
    refunded.refunded("50302", NOW, "janitor", NOW);

    assertCode(
        () -> closed.settleOffline(cash, "finance-zhao", NOW), ErrorCode.REFUND_ILLEGAL_TRANSITION);
    assertCode(
        () -> waiting.settleOffline(cash, "finance-zhao", NOW),
        ErrorCode.REFUND_ILLEGAL_TRANSITION);
    assertCode(
        () -> refunded.settleOffline(cash, "finance-zhao", NOW),
        ErrorCode.REFUND_ILLEGAL_TRANSITION);
    assertThat(closed.status()).isEqualTo(RefundStatus.FAILED);
  }

  @Test
  void anOfflineSettlementSaysHowAndATransferItsReference() {
    assertCode(() -> new OfflineSettlement(null, "x", "y"), ErrorCode.INVALID_REQUEST);
    assertCode(
        () -> new OfflineSettlement(OfflineMethod.BANK_TRANSFER, " ", "y"),
        ErrorCode.INVALID_REQUEST);
    assertCode(
        () -> new OfflineSettlement(OfflineMethod.OTHER, "r", null), ErrorCode.INVALID_REQUEST);
    assertCode(
        () -> new OfflineSettlement(OfflineMethod.CASH, "r".repeat(65), null),
        ErrorCode.INVALID_REQUEST);
    assertCode(
        () -> new OfflineSettlement(OfflineMethod.CASH, null, "n".repeat(257)),
        ErrorCode.INVALID_REQUEST);
    assertThat(new OfflineSettlement(OfflineMethod.CASH, "", " ").reference()).isNull();
  }

  @Test
  void aHistoryReasonIsCutToTheSharedLimitLikeAnOrders() {
    Refund refund = refund(2_500, 1);
    refund.approve("finance-wang", NOW);
    String why = "REFUNDCLOSE: ".repeat(60);

    refund.refused(why, "wechat-refund", NOW);

    assertThat(refund.history())
        .last()
        .extracting(RefundHistory::reason)
        .isEqualTo(why.substring(0, StatusHistory.MAX_REASON));
  }

  private static void assertInvalid(NewRefund spec) {
    assertInvalidCall(
        () -> Refund.request(spec, new RefundTerms("RF1", "PD1", 10_000, 1), "support-li", NOW));
  }

  private static void assertInvalidCall(ThrowingCallable call) {
    assertCode(call, ErrorCode.INVALID_REQUEST);
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOf(PayDeskException.class)
        .extracting(e -> ((PayDeskException) e).code())
        .isEqualTo(code);
  }
}
