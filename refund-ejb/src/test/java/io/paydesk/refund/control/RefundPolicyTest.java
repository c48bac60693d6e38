package io.paydesk.refund.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.payment.boundary.RefundableOrder;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.refund.entity.NewRefund;
import io.paydesk.refund.entity.Refund;
import io.paydesk.refund.entity.RefundTerms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RefundPolicyTest {

  static final Instant PAID_AT = Instant.parse("2026-11-28T02:00:00Z");
  static final Instant NOW = PAID_AT.plus(Duration.ofDays(3));
  static final RefundPolicy POLICY = new RefundPolicy(1_000, 50_000);

  static RefundableOrder order(OrderStatus status) {
    return new RefundableOrder("SO-1", status, "PD1", "4200001", 10_000, 0, PAID_AT);
  }

  static Refund refund(long amount) {
    String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    return Refund.request(
        new NewRefund("SO-1", amount, "x", "req-" + unique),
        new RefundTerms("RF" + unique, "PD1", 10_000, 1),
        "shop",
        NOW);
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"PAID", "SHIPPED", "PARTIALLY_REFUNDED"})
  void paidShippedAndPartlyRefundedOrdersCanBeRefunded(OrderStatus status) {
    assertThatCode(() -> POLICY.check(order(status), List.of(), 100, NOW))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"CREATED", "PAYING", "CLOSED", "REFUNDED"})
  void otherOrdersCannot(OrderStatus status) {
    assertCode(
        () -> POLICY.check(order(status), List.of(), 100, NOW), ErrorCode.REFUND_NOT_ALLOWED);
  }

  @Test
  void onlyWithinAYearOfPayment() {
    Instant lastMoment = Instant.parse("2027-11-28T01:59:59Z");
    assertThatCode(() -> POLICY.check(order(OrderStatus.PAID), List.of(), 100, lastMoment))
        .doesNotThrowAnyException();
    assertCode(
        () -> POLICY.check(order(OrderStatus.PAID), List.of(), 100, lastMoment.plusSeconds(1)),
        ErrorCode.REFUND_NOT_ALLOWED);
  }

  @Test
  void refundsNeverAddUpToMoreThanWasPaid() {
    Refund pending = refund(4_000);
    Refund approved = refund(3_000);
    approved.approve("finance-wang", NOW);
    List<Refund> existing = List.of(pending, approved);

    assertThat(RefundPolicy.refundable(10_000, existing)).isEqualTo(3_000);
    assertThatCode(() -> POLICY.check(order(OrderStatus.PAID), existing, 3_000, NOW))
        .doesNotThrowAnyException();
    assertCode(
        () -> POLICY.check(order(OrderStatus.PAID), existing, 3_001, NOW),
        ErrorCode.REFUND_EXCEEDS_PAID);
  }

  @Test
  void failedAndRejectedRefundsFreeTheirAmount() {
    Refund rejected = refund(6_000);
    rejected.reject("finance-wang", "no", NOW);
    Refund failed = refund(4_000);
    failed.approve("finance-wang", NOW);
    failed.refused("NOTENOUGH", "wechat-refund", NOW);
    Refund refunded = refund(2_000);
    refunded.approve("finance-wang", NOW);
    refunded.refunded("50300", NOW, "wechat-notification", NOW);

    assertThat(RefundPolicy.refundable(10_000, List.of(rejected, failed, refunded)))
        .isEqualTo(8_000);
  }

  @Test
  void atMostFiftyRefundsPerOrder() {
    RefundPolicy uncapped = new RefundPolicy(1_000, 50_000, RefundPolicy.MAX_REFUNDS + 1);
    List<Refund> existing = new ArrayList<>();
    for (int i = 0; i < RefundPolicy.MAX_REFUNDS - 1; i++) {
      existing.add(refund(1));
    }
    assertThatCode(() -> uncapped.check(order(OrderStatus.PAID), existing, 1, NOW))
        .doesNotThrowAnyException();
    existing.add(refund(1));
    assertCode(
        () -> uncapped.check(order(OrderStatus.PAID), existing, 1, NOW), ErrorCode.REFUND_LIMIT);
  }

  @Test
  void smallRefundsAreAutoApprovedAndLargeOnesNeedFourEyes() {
    assertThat(POLICY.autoApproves(999)).isTrue();
    assertThat(POLICY.autoApproves(1_000)).isFalse();
    assertThat(POLICY.approvalsRequired(49_999)).isEqualTo(1);
    assertThat(POLICY.approvalsRequired(50_000)).isEqualTo(2);

    RefundPolicy off = new RefundPolicy(0, 50_000);
    assertThat(off.autoApproves(1)).isFalse();

    RefundPolicy overlapping = new RefundPolicy(100_000, 50_000);
    assertThat(overlapping.autoApproves(60_000)).as("four-eyes wins").isFalse();
    assertThat(overlapping.autoApproves(40_000)).isTrue();

    assertThatThrownBy(() -> new RefundPolicy(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RefundPolicy(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void outRefundNosAreThirtyTwoCharactersAndDistinct() {
    String first = RefundNumbers.newOutRefundNo(Instant.parse("2026-11-28T02:03:04Z"));
    String second = RefundNumbers.newOutRefundNo(Instant.parse("2026-11-28T02:03:04Z"));

    assertThat(first).hasSize(32).startsWith("RF261128020304").matches("RF[0-9]{12}[0-9a-f]{18}");
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void theNotEnoughPolicyIsReadFromConfiguration() {
    assertThat(NotEnoughPolicy.parse("recharge-funds")).isEqualTo(NotEnoughPolicy.RECHARGE_FUNDS);
    assertThat(NotEnoughPolicy.parse(" STOP ")).isEqualTo(NotEnoughPolicy.STOP);
    assertThatThrownBy(() -> NotEnoughPolicy.parse("retry"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refundsWaitingForApprovalAreCappedPerOrderSoThatNobodyLocksAnOrdersRefunds() {
    RefundPolicy two = new RefundPolicy(0, 50_000, 2);
    List<Refund> waiting = List.of(refund(100), refund(100));
    assertCode(() -> two.check(order(OrderStatus.PAID), waiting, 100, NOW), ErrorCode.REFUND_LIMIT);
    assertThatCode(() -> two.check(order(OrderStatus.PAID), waiting.subList(0, 1), 100, NOW))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> new RefundPolicy(0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOf(PayDeskException.class)
        .extracting(e -> ((PayDeskException) e).code())
        .isEqualTo(code);
  }
}
