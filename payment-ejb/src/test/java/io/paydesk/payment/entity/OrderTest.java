package io.paydesk.payment.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.platform.audit.entity.StatusHistory;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderTest {

  static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
  static final Instant DEFAULT_EXPIRY = NOW.plus(Duration.ofHours(2));

  static NewOrder spec(String orderNo, Long amount, String description) {
    return new NewOrder(orderNo, "o-buyer", amount, description, null);
  }

  @Test
  void aNewOrderIsCreatedWithItsFirstHistoryRow() {
    Order order = Order.create(spec("SO-1", 1999L, "T恤,白色"), "shop", NOW, DEFAULT_EXPIRY);

    assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
    assertThat(order.amount()).isEqualTo(1999);
    assertThat(order.expiresAt()).isEqualTo(DEFAULT_EXPIRY);
    assertThat(order.history())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.fromStatus()).isNull();
              assertThat(h.toStatus()).isEqualTo(OrderStatus.CREATED);
              assertThat(h.actor()).isEqualTo("shop");
            });
  }

  @Test
  void aHistoryReasonIsCutToTheSharedLimitLikeARefunds() {
    Order order = Order.create(spec("SO-3", 1999L, "x"), "shop", NOW, DEFAULT_EXPIRY);
    String longReason = "过期未支付".repeat(200);

    order.close("janitor", longReason, NOW.plusSeconds(7200));

    assertThat(order.history().get(1).reason())
        .hasSize(StatusHistory.MAX_REASON)
        .isEqualTo(longReason.substring(0, StatusHistory.MAX_REASON));
  }

  @Test
  void badOrdersAreRefused() {
    assertInvalid(spec("", 1L, "x"));
    assertInvalid(spec("has space", 1L, "x"));
    assertInvalid(spec("X".repeat(33), 1L, "x"));
    assertInvalid(spec("SO-2", 0L, "x"));
    assertInvalid(spec("SO-2", -1L, "x"));
    assertInvalid(spec("SO-2", null, "x"));
    assertInvalid(spec("SO-2", Order.MAX_AMOUNT + 1, "x"));
    assertInvalid(spec("SO-2", 1L, " "));
    // 43 Chinese characters are 129 bytes in UTF-8: over WeChat's limit for body
    assertInvalid(spec("SO-2", 1L, "货".repeat(43)));
    assertInvalid(new NewOrder("SO-2", "o", 1L, "x", NOW.plusSeconds(30)));
  }

  @Test
  void itemLinesAreCheckedAndCompared() {
    var line = new NewOrder.Item("TS-W-M", "T恤, 白色, M", 2, 1250);
    NewOrder spec = new NewOrder("SO-7", "o-buyer", 2500L, "x", null, java.util.List.of(line));
    Order order = Order.create(spec, "shop", NOW, DEFAULT_EXPIRY);

    assertThat(order.items()).containsExactly(line);
    assertThat(order.matches(spec)).isTrue();
    assertThat(order.matches(new NewOrder("SO-7", "o-buyer", 2500L, "x", null))).isFalse();
    assertInvalid(
        new NewOrder(
            "SO-8", "o", 1L, "x", null, java.util.List.of(new NewOrder.Item("S", "n", 0, 1))));
    assertInvalid(
        new NewOrder(
            "SO-8", "o", 1L, "x", null, java.util.List.of(new NewOrder.Item("S", "n", 1, -1))));
  }

  @Test
  void theSameRequestMatchesAndADifferentOneDoesNot() {
    NewOrder first = spec("SO-3", 100L, "x");
    Order order = Order.create(first, "shop", NOW, DEFAULT_EXPIRY);

    assertThat(order.matches(first)).isTrue();
    assertThat(order.matches(spec("SO-3", 101L, "x"))).isFalse();
    assertThat(order.matches(spec("SO-3", 100L, "y"))).isFalse();
    assertThat(order.matches(new NewOrder("SO-3", "o-other", 100L, "x", null))).isFalse();
    assertThat(order.matches(new NewOrder("SO-3", "o-buyer", 100L, "x", DEFAULT_EXPIRY))).isTrue();
    assertThat(order.matches(new NewOrder("SO-3", "o-buyer", 100L, "x", NOW.plusSeconds(600))))
        .isFalse();
  }

  @Test
  void paymentShippingAndTheirHistoryFollowTheTable() {
    Order order = Order.create(spec("SO-4", 100L, "x"), "shop", NOW, DEFAULT_EXPIRY);
    PaymentAttempt attempt = order.newAttempt("PD1", "10.0.0.1", "shop", NOW);
    assertThat(order.status()).isEqualTo(OrderStatus.PAYING);

    assertThatThrownBy(() -> order.ship(new Shipment("SF", "SF1"), "staff", NOW))
        .isInstanceOf(PayDeskException.class)
        .extracting(e -> ((PayDeskException) e).code())
        .isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
    assertThat(order.history()).hasSize(2);

    var source = new Transition.Source("wechat-notification", NOW);
    assertThat(order.markPaid(attempt, "4200001", NOW, source)).isTrue();
    assertThat(order.markPaid(attempt, "4200001", NOW, source)).isFalse();
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(attempt.status()).isEqualTo(AttemptStatus.PAID);
    assertThat(order.history()).hasSize(3);

    assertThat(order.ship(new Shipment("SF", "SF1"), "staff", NOW)).isTrue();
    assertThat(order.ship(new Shipment("SF", "SF1"), "staff", NOW)).isFalse();
    assertThatThrownBy(() -> order.ship(new Shipment("SF", "SF2"), "staff", NOW))
        .isInstanceOf(PayDeskException.class)
        .extracting(e -> ((PayDeskException) e).code())
        .isEqualTo(ErrorCode.SHIPMENT_CONFLICT);
    assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
    assertThat(order.history()).hasSize(4);
  }

  @Test
  void aSecondPaymentOfAPaidOrderIsRecordedNotApplied() {
    Order order = Order.create(spec("SO-5", 100L, "x"), "shop", NOW, DEFAULT_EXPIRY);
    PaymentAttempt first = order.newAttempt("PD1", "10.0.0.1", "shop", NOW);
    first.closed("test");
    PaymentAttempt second = order.newAttempt("PD2", "10.0.0.1", "shop", NOW);
    var source = new Transition.Source("janitor", NOW);
    order.markPaid(second, "4200002", NOW, source);

    assertThatThrownBy(() -> order.markPaid(first, "4200001", NOW, source))
        .isInstanceOf(PayDeskException.class);
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
  }

  @Test
  void anExpiredOrderTakesNoNewAttemptAndClosesOnlyWhenWeChatClosedItsAttempts() {
    Order order = Order.create(spec("SO-6", 100L, "x"), "shop", NOW, DEFAULT_EXPIRY);
    PaymentAttempt attempt = order.newAttempt("PD1", "10.0.0.1", "shop", NOW);
    Instant later = DEFAULT_EXPIRY.plusSeconds(1);

    assertThatThrownBy(() -> order.newAttempt("PD2", "10.0.0.1", "shop", later))
        .isInstanceOf(PayDeskException.class)
        .extracting(e -> ((PayDeskException) e).code())
        .isEqualTo(ErrorCode.ORDER_CLOSED);
    assertThatThrownBy(() -> order.close("janitor", "expired", later))
        .isInstanceOf(PayDeskException.class);
    attempt.closed("closed at WeChat");
    order.close("janitor", "expired", later);
    assertThat(order.status()).isEqualTo(OrderStatus.CLOSED);
  }

  @Test
  void confirmedRefundsMoveAPaidOrderToPartlyAndThenFullyRefunded() {
    Order order = Order.create(spec("SO-9", 1000L, "x"), "shop", NOW, DEFAULT_EXPIRY);
    PaymentAttempt attempt = order.newAttempt("PD1", "10.0.0.1", "shop", NOW);
    order.markPaid(attempt, "4200001", NOW, new Transition.Source("janitor", NOW));
    assertThat(order.payment()).contains(attempt);

    order.refunded("RF1", 400, "wechat-notification", NOW);
    assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThatThrownBy(() -> order.refunded("RF2", 601, "wechat-notification", NOW))
        .isInstanceOf(PayDeskException.class)
        .extracting(e -> ((PayDeskException) e).code())
        .isEqualTo(ErrorCode.REFUND_EXCEEDS_PAID);
    order.refunded("RF2", 600, "wechat-notification", NOW);
    assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(order.refundedAmount()).isEqualTo(1000);
    assertThat(order.history()).last().extracting(OrderHistory::reason).asString().contains("RF2");
  }

  private static void assertInvalid(NewOrder spec) {
    assertThatThrownBy(() -> Order.create(spec, "shop", NOW, DEFAULT_EXPIRY))
        .isInstanceOf(PayDeskException.class)
        .extracting(e -> ((PayDeskException) e).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
  }
}
