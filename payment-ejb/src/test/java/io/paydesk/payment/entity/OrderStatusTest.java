package io.paydesk.payment.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Walks every edge of the order's transition table: the allowed ones and all the others. */
class OrderStatusTest {

  static final Map<OrderStatus, Set<OrderStatus>> ALLOWED =
      Map.of(
          OrderStatus.CREATED, Set.of(OrderStatus.PAYING, OrderStatus.CLOSED),
          OrderStatus.PAYING, Set.of(OrderStatus.PAYING, OrderStatus.PAID, OrderStatus.CLOSED),
          OrderStatus.PAID,
              Set.of(OrderStatus.SHIPPED, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED),
          OrderStatus.SHIPPED, Set.of(OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED),
          OrderStatus.CLOSED, Set.of(),
          OrderStatus.PARTIALLY_REFUNDED,
              Set.of(OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED),
          OrderStatus.REFUNDED, Set.of());

  @ParameterizedTest
  @EnumSource(OrderStatus.class)
  void everyEdgeIsAllowedOnlyIfTheTableSaysSo(OrderStatus from) {
    for (OrderStatus to : OrderStatus.values()) {
      assertThat(from.canMoveTo(to))
          .as("%s -> %s", from, to)
          .isEqualTo(ALLOWED.get(from).contains(to));
    }
    assertThat(from.next()).containsExactlyInAnyOrderElementsOf(ALLOWED.get(from));
    assertThat(from.isFinal()).isEqualTo(ALLOWED.get(from).isEmpty());
  }
}
