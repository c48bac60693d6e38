package io.paydesk.refund.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.gateway.boundary.WeChatPayGateway;
import io.paydesk.gateway.entity.RefundFinding;
import io.paydesk.gateway.entity.RefundOrder;
import io.paydesk.gateway.entity.RefundProgress;
import io.paydesk.gateway.entity.RefundReport;
import io.paydesk.gateway.entity.RefundSubmission;
import io.paydesk.refund.entity.NewRefund;
import io.paydesk.refund.entity.Refund;
import io.paydesk.refund.entity.RefundFailure;
import io.paydesk.refund.entity.RefundStatus;
import io.paydesk.refund.entity.RefundTerms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each answer of the gateway does to a refund when WeChatRefunds submits it or asks about it:
 * the real WeChatRefunds and the refund's real transitions, with the gateway scripted and the
 * records kept in memory.
 */
class WeChatRefundsTest {

  static final Duration QUERY_AFTER = Duration.ofMinutes(10);

  Refund refund;
  InMemoryRecords records;
  ScriptedGateway gateway;
  WeChatRefunds wechat;

  @BeforeEach
  void approvedRefund() {
    Instant now = Instant.now();
    refund =
        Refund.request(
            new NewRefund("SO-1", 300L, "尺码不合适", "req-1"),
            new RefundTerms("RF1", "PD1", 1999, 1),
            "support-li",
            now);
    refund.approve("finance-wang", now);
    records = new InMemoryRecords(refund, now);
    gateway = new ScriptedGateway();
    wechat = new WeChatRefunds();
    wechat.records = records;
    wechat.gateway = gateway;
    wechat.backoffSetting = "PT1M,PT5M";
    wechat.notEnoughSetting = "stop";
  }

  // ---- submissions

  @Test
  void acceptedMakesItProcessing() {
    gateway.submissions.add(new RefundSubmission.Accepted("50300"));

    wechat.submit("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(refund.refundId()).isEqualTo("50300");
    assertThat(refund.nextAttemptAt()).isEqualTo(records.now.plus(QUERY_AFTER));
    assertThat(gateway.sent).containsExactly(new RefundOrder("PD1", "RF1", 1999, 300, false));
  }

  @Test
  void aRetryLeavesItApprovedToBeSentAgainWithTheSameNumberLater() {
    gateway.submissions.add(new RefundSubmission.Retry("outcome unknown: TIMEOUT; sent again"));

    Instant before = Instant.now();
    wechat.submit("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.APPROVED);
    assertThat(refund.lastOutcome()).isEqualTo("outcome unknown: TIMEOUT; sent again");
    assertThat(refund.nextAttemptAt()).isAfterOrEqualTo(before.plus(Duration.ofMinutes(1)));
    assertThat(refund.checks()).isEqualTo(1);

    records.later(Duration.ofMinutes(2));
    gateway.submissions.add(new RefundSubmission.Accepted("50300"));
    wechat.submit("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(gateway.sent).extracting(RefundOrder::outRefundNo).containsExactly("RF1", "RF1");
  }

  @Test
  void aCertificateProblemLeavesItApprovedWithWhatToFix() {
    gateway.submissions.add(
        new RefundSubmission.CertificateProblem("client certificate missing or refused (...)"));

    wechat.submit("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.APPROVED);
    assertThat(refund.lastOutcome()).isEqualTo("client certificate missing or refused (...)");
    assertThat(refund.nextAttemptAt()).isNotNull();
  }

  @Test
  void aSubmissionNotDueIsNotSent() {
    gateway.submissions.add(new RefundSubmission.Retry("not sent"));
    wechat.submit("RF1");

    wechat.submit("RF1");

    assertThat(gateway.sent).hasSize(1);
  }

  @Test
  void notEnoughFundsUnderTheStopPolicyFailsIt() {
    gateway.submissions.add(new RefundSubmission.NotEnoughFunds());

    wechat.submit("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(refund.failure()).isEqualTo(RefundFailure.NOT_ENOUGH_FUNDS);
    assertThat(refund.lastOutcome()).isEqualTo(RefundFailure.notEnoughFunds(false));
    assertThat(refund.refundAccount()).isNull();
    assertThat(gateway.sent).hasSize(1);
  }

  @Test
  void notEnoughFundsUnderTheRechargePolicyIsSentOnceMoreFromTheAvailableBalance() {
    wechat.notEnoughSetting = "recharge-funds";
    gateway.submissions.add(new RefundSubmission.NotEnoughFunds());
    gateway.submissions.add(new RefundSubmission.Accepted("50300"));

    wechat.submit("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(refund.refundAccount()).isEqualTo(Refund.RECHARGE_FUNDS);
    assertThat(gateway.sent)
        .containsExactly(
            new RefundOrder("PD1", "RF1", 1999, 300, false),
            new RefundOrder("PD1", "RF1", 1999, 300, true));
  }

  @Test
  void notEnoughFundsInTheAvailableBalanceToo() {
    wechat.notEnoughSetting = "recharge-funds";
    gateway.submissions.add(new RefundSubmission.NotEnoughFunds());
    gateway.submissions.add(new RefundSubmission.NotEnoughFunds());

    wechat.submit("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(refund.failure()).isEqualTo(RefundFailure.NOT_ENOUGH_FUNDS);
    assertThat(refund.lastOutcome()).isEqualTo(RefundFailure.notEnoughFunds(true));
    assertThat(gateway.sent).hasSize(2);
  }

  @Test
  void aRefusalOfTheFirstSubmissionFailsIt() {
    gateway.submissions.add(new RefundSubmission.Refused("WeChat refused the refund: PARAM_ERROR"));

    wechat.submit("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(refund.failure()).isEqualTo(RefundFailure.REFUSED);
    assertThat(refund.lastOutcome())
        .startsWith("WeChat refused the refund: PARAM_ERROR. Nothing was refunded");
    assertThat(gateway.asked).isZero();
  }

  @Test
  void aRefusalOfARepeatIsDecidedByWhatWeChatKnows() {
    sentOnceWithoutAnswer();
    gateway.submissions.add(new RefundSubmission.Refused("WeChat refused the refund: INVALID"));
    gateway.findings.add(new RefundFinding.Found(report(RefundProgress.PROCESSING)));

    wechat.submit("RF1");

    // the earlier submission reached WeChat: accepted, not failed
    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(gateway.asked).isEqualTo(1);
  }

  @Test
  void aRefusalOfARepeatThatWeChatDoesNotKnowFailsIt() {
    sentOnceWithoutAnswer();
    gateway.submissions.add(new RefundSubmission.Refused("WeChat refused the refund: INVALID"));
    gateway.findings.add(new RefundFinding.NotAtWeChat());

    wechat.submit("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(refund.failure()).isEqualTo(RefundFailure.REFUSED);
  }

  @Test
  void aRefusalOfARepeatWithoutAnAnswerToTheQueryLeavesItApproved() {
    sentOnceWithoutAnswer();
    gateway.submissions.add(new RefundSubmission.Refused("WeChat refused the refund: INVALID"));
    gateway.findings.add(new RefundFinding.Unknown("refundquery outcome unknown: TIMEOUT"));

    wechat.submit("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.APPROVED);
    assertThat(refund.lastOutcome()).isEqualTo("refundquery outcome unknown: TIMEOUT");
  }

  // ---- queries

  @Test
  void aQueryAppliesWhatWeChatReports() {
    accepted();
    gateway.findings.add(new RefundFinding.Found(report(RefundProgress.REFUNDED)));

    wechat.check("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.REFUNDED);
  }

  @Test
  void stillProcessingOrAnUnknownStateIsAskedAboutAgain() {
    accepted();
    gateway.findings.add(new RefundFinding.Found(report(RefundProgress.PROCESSING)));
    wechat.check("RF1");
    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(refund.lastOutcome()).isEqualTo("refund_status X");
    assertThat(refund.checks()).isEqualTo(1);

    gateway.findings.add(new RefundFinding.Found(report(RefundProgress.UNKNOWN)));
    wechat.check("RF1");
    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(refund.checks()).isEqualTo(2);
  }

  @Test
  void noAnswerLeavesItProcessing() {
    accepted();
    gateway.findings.add(new RefundFinding.Unknown("refundquery outcome unknown: TIMEOUT"));

    wechat.check("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(refund.lastOutcome()).isEqualTo("refundquery outcome unknown: TIMEOUT");
    assertThat(refund.nextAttemptAt()).isNotNull();
  }

  @Test
  void anAcceptedRefundWeChatDoesNotKnowIsNotFailedButFlagged() {
    accepted();
    gateway.findings.add(new RefundFinding.NotAtWeChat());

    wechat.check("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(refund.lastOutcome()).contains("does not know this accepted refund");
  }

  @Test
  void aFailedBankCardOrAClosedRefundFailsIt() {
    accepted();
    gateway.findings.add(new RefundFinding.Found(report(RefundProgress.BANK_CARD_FAILED)));

    wechat.check("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(refund.failure()).isEqualTo(RefundFailure.BANK_CARD_FAILED);
  }

  @Test
  void aReportOfAnotherAmountChangesNothingButIsRecorded() {
    accepted();
    gateway.findings.add(
        new RefundFinding.Found(
            new RefundReport(
                "RF1", "PD1", "50300", 301, RefundProgress.REFUNDED, "refund_status X", null)));

    wechat.check("RF1");

    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
    assertThat(refund.lastOutcome()).startsWith("refundquery: WeChat reports refund RF1 of 301");
  }

  @Test
  void aRefundNotWaitingForWeChatIsNotAskedAbout() {
    gateway.submissions.add(new RefundSubmission.NotEnoughFunds());
    wechat.submit("RF1");

    wechat.check("RF1");

    assertThat(gateway.asked).isZero();
  }

  private void accepted() {
    gateway.submissions.add(new RefundSubmission.Accepted("50300"));
    wechat.submit("RF1");
    assertThat(refund.status()).isEqualTo(RefundStatus.PROCESSING);
  }

  private void sentOnceWithoutAnswer() {
    gateway.submissions.add(new RefundSubmission.Retry("outcome unknown: TIMEOUT"));
    wechat.submit("RF1");
    records.later(Duration.ofMinutes(2));
  }

  private static RefundReport report(RefundProgress progress) {
    return new RefundReport("RF1", "PD1", "50300", 300, progress, "refund_status X", null);
  }

  /** The gateway, answering from a script and remembering what it was asked to send. */
  static final class ScriptedGateway extends WeChatPayGateway {
    final Deque<RefundSubmission> submissions = new ArrayDeque<>();
    final Deque<RefundFinding> findings = new ArrayDeque<>();
    final List<RefundOrder> sent = new ArrayList<>();
    int asked;

    @Override
    public RefundSubmission submitRefund(RefundOrder order) {
      sent.add(order);
      return submissions.remove();
    }

    @Override
    public RefundFinding checkRefund(String outRefundNo, String outTradeNo) {
      asked++;
      return findings.remove();
    }
  }

  /** RefundRecords over one refund in memory, applying the same entity transitions. */
  static final class InMemoryRecords extends RefundRecords {
    final Refund refund;
    Instant now;

    InMemoryRecords(Refund refund, Instant now) {
      this.refund = refund;
      this.now = now;
      this.queryAfter = QUERY_AFTER;
    }

    /** Lets time pass beyond {@code wait} from the real clock (the backoff is computed on it). */
    void later(Duration wait) {
      now = Instant.now().plus(wait);
    }

    @Override
    public Optional<Submission> claimSubmission(String outRefundNo, Duration hold) {
      return refund.claimSubmission(now, hold)
          ? Optional.of(Submission.of(refund))
          : Optional.empty();
    }

    @Override
    public void accepted(String outRefundNo, String refundId, String actor) {
      refund.accepted(refundId, actor, now, now.plus(queryAfter));
    }

    @Override
    public void tryAgain(String outRefundNo, Instant at, String outcome) {
      refund.tryAgainAt(at, outcome);
    }

    @Override
    public void useRechargeFunds(String outRefundNo, String outcome) {
      refund.useRechargeFunds(outcome);
    }

    @Override
    public void refused(String outRefundNo, String why, String actor) {
      refund.refused(why, actor, now);
    }

    @Override
    public boolean apply(RefundReport report, String actor) {
      return learned(refund, report, actor, now, queryAfter) != Change.NONE;
    }

    @Override
    public Optional<RefundState> state(String outRefundNo) {
      return Optional.of(
          new RefundState(
              refund.outRefundNo(),
              refund.status(),
              refund.submissions(),
              refund.checks(),
              refund.outTradeNo()));
    }
  }
}
