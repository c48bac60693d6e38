package io.paydesk.payment.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.gateway.entity.PaymentCheck;
import io.paydesk.payment.control.PaymentRecords.Effect;
import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.payment.entity.NewOrder;
import io.paydesk.payment.entity.Order;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.payment.entity.PaymentAttempt;
import io.paydesk.payment.entity.Transition;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each answer to an order query does to an attempt and its order, without a container. */
class PaymentRecordsTest {

  static final Instant CREATED = Instant.parse("2026-11-28T02:00:00Z");
  static final Instant NOW = CREATED.plus(Duration.ofMinutes(3));
  static final Instant NEXT = NOW.plus(Duration.ofMinutes(5));
  static final Transition.Source JANITOR = new Transition.Source("janitor", NOW);

  static PaymentAttempt attempt(Instant createdAt) {
    Order order =
        Order.create(
            new NewOrder("SO-1", "o-buyer", 1999L, "T恤", null),
            "shop",
            createdAt,
            createdAt.plus(Duration.ofHours(2)));
    return order.newAttempt("PD1", "127.0.0.1", "shop", createdAt);
  }

  static PaymentAttempt openAttempt() {
    PaymentAttempt attempt = attempt(CREATED);
    attempt.opened("wx01", CREATED.plus(Duration.ofHours(2)));
    return attempt;
  }

  static PaymentCheck.Paid paid(long totalFee) {
    return new PaymentCheck.Paid("PD1", "4200001", totalFee, NOW.minusSeconds(30));
  }

  @Test
  void paidMarksTheAttemptAndItsOrderPaidOnce() {
    PaymentAttempt attempt = openAttempt();

    assertThat(PaymentRecords.apply(attempt, paid(1999), NEXT, JANITOR)).isEqualTo(Effect.PAID);
    assertThat(attempt.status()).isEqualTo(AttemptStatus.PAID);
    assertThat(attempt.transactionId()).isEqualTo("4200001");
    assertThat(attempt.paidAt()).isEqualTo(NOW.minusSeconds(30));
    assertThat(attempt.order().status()).isEqualTo(OrderStatus.PAID);
    assertThat(attempt.order().paidAt()).isEqualTo(NOW.minusSeconds(30));

    // the same payment again (a notification after the query) changes nothing
    assertThat(PaymentRecords.apply(attempt, paid(1999), NEXT, JANITOR)).isEqualTo(Effect.NONE);
    assertThat(attempt.order().history()).hasSize(3);
  }

  @Test
  void aNewAttemptWhoseAnswerWasLostCanBePaid() {
    PaymentAttempt attempt = attempt(CREATED);

    assertThat(PaymentRecords.apply(attempt, paid(1999), NEXT, JANITOR)).isEqualTo(Effect.PAID);
    assertThat(attempt.order().status()).isEqualTo(OrderStatus.PAID);
  }

  @Test
  void aPaymentOfAnotherAmountIsRefusedAndChangesNothing() {
    PaymentAttempt attempt = openAttempt();

    assertThatThrownBy(() -> PaymentRecords.apply(attempt, paid(1), NEXT, JANITOR))
        .isInstanceOfSatisfying(
            PayDeskException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_MISMATCH));
    assertThatThrownBy(() -> PaymentRecords.apply(attempt, paid(-1), NEXT, JANITOR))
        .isInstanceOf(PayDeskException.class);
    assertThat(attempt.status()).isEqualTo(AttemptStatus.OPEN);
    assertThat(attempt.order().status()).isEqualTo(OrderStatus.PAYING);
  }

  @Test
  void aSecondTransactionForAPaidAttemptIsRefused() {
    PaymentAttempt attempt = openAttempt();
    PaymentRecords.apply(attempt, paid(1999), NEXT, JANITOR);

    assertThatThrownBy(
            () ->
                PaymentRecords.apply(
                    attempt, new PaymentCheck.Paid("PD1", "4200002", 1999, NOW), NEXT, JANITOR))
        .isInstanceOfSatisfying(
            PayDeskException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_MISMATCH));
    assertThat(attempt.transactionId()).isEqualTo("4200001");
  }

  @Test
  void cannotBePaidClosesTheAttemptButNotTheOrder() {
    PaymentAttempt attempt = openAttempt();

    assertThat(
            PaymentRecords.apply(
                attempt, new PaymentCheck.CannotBePaid("trade_state CLOSED"), NEXT, JANITOR))
        .isEqualTo(Effect.CLOSED);
    assertThat(attempt.status()).isEqualTo(AttemptStatus.CLOSED);
    assertThat(attempt.lastOutcome()).isEqualTo("trade_state CLOSED");
    assertThat(attempt.nextCheckAt()).isNull();
    assertThat(attempt.order().status()).isEqualTo(OrderStatus.PAYING);
  }

  @Test
  void stillOpenAndUnknownAskAgainLater() {
    PaymentAttempt attempt = openAttempt();

    assertThat(
            PaymentRecords.apply(
                attempt, new PaymentCheck.StillOpen("trade_state NOTPAY"), NEXT, JANITOR))
        .isEqualTo(Effect.CHECK_AGAIN);
    assertThat(attempt.status()).isEqualTo(AttemptStatus.OPEN);
    assertThat(attempt.nextCheckAt()).isEqualTo(NEXT);
    assertThat(attempt.lastOutcome()).isEqualTo("trade_state NOTPAY");
    assertThat(attempt.checks()).isEqualTo(1);

    Instant later = NEXT.plus(Duration.ofMinutes(15));
    assertThat(
            PaymentRecords.apply(
                attempt, new PaymentCheck.Unknown("orderquery UNKNOWN"), later, JANITOR))
        .isEqualTo(Effect.CHECK_AGAIN);
    assertThat(attempt.status()).isEqualTo(AttemptStatus.OPEN);
    assertThat(attempt.nextCheckAt()).isEqualTo(later);
    assertThat(attempt.lastOutcome()).isEqualTo("orderquery UNKNOWN");
    assertThat(attempt.checks()).isEqualTo(2);
    assertThat(attempt.order().status()).isEqualTo(OrderStatus.PAYING);
  }

  @Test
  void notAtWeChatClosesOnlyANewAttemptOlderThanAMinute() {
    var notAtWeChat =
        new PaymentCheck.NotAtWeChat(
            "orderquery ORDERNOTEXIST", "never reached WeChat (ORDERNOTEXIST)");

    PaymentAttempt old = attempt(CREATED);
    assertThat(PaymentRecords.apply(old, notAtWeChat, NEXT, JANITOR)).isEqualTo(Effect.CLOSED);
    assertThat(old.status()).isEqualTo(AttemptStatus.CLOSED);
    assertThat(old.lastOutcome()).isEqualTo("never reached WeChat (ORDERNOTEXIST)");

    // its unified order may still be on its way
    PaymentAttempt young = attempt(NOW.minusSeconds(30));
    assertThat(PaymentRecords.apply(young, notAtWeChat, NEXT, JANITOR))
        .isEqualTo(Effect.CHECK_AGAIN);
    assertThat(young.status()).isEqualTo(AttemptStatus.NEW);
    assertThat(young.lastOutcome()).isEqualTo("orderquery ORDERNOTEXIST");

    // WeChat handed out a prepay_id for it: not knowing it now is no reason to close it
    PaymentAttempt open = openAttempt();
    assertThat(PaymentRecords.apply(open, notAtWeChat, NEXT, JANITOR))
        .isEqualTo(Effect.CHECK_AGAIN);
    assertThat(open.status()).isEqualTo(AttemptStatus.OPEN);
  }

  @Test
  void anAttemptThatIsOverIsNotAskedAboutAgain() {
    PaymentAttempt attempt = openAttempt();
    PaymentRecords.apply(
        attempt, new PaymentCheck.CannotBePaid("trade_state CLOSED"), NEXT, JANITOR);

    assertThat(
            PaymentRecords.apply(
                attempt, new PaymentCheck.StillOpen("trade_state NOTPAY"), NEXT, JANITOR))
        .isEqualTo(Effect.NONE);
    assertThat(
            PaymentRecords.apply(
                attempt, new PaymentCheck.CannotBePaid("trade_state REVOKED"), NEXT, JANITOR))
        .isEqualTo(Effect.NONE);
    assertThat(attempt.status()).isEqualTo(AttemptStatus.CLOSED);
    assertThat(attempt.lastOutcome()).isEqualTo("trade_state CLOSED");
    assertThat(attempt.nextCheckAt()).isNull();
  }
}
