package io.paydesk.payment.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Walks every edge of the payment attempt's transition table. */
class AttemptStatusTest {

  static final Map<AttemptStatus, Set<AttemptStatus>> ALLOWED =
      Map.of(
          AttemptStatus.NEW, Set.of(AttemptStatus.OPEN, AttemptStatus.PAID, AttemptStatus.CLOSED),
          AttemptStatus.OPEN, Set.of(AttemptStatus.PAID, AttemptStatus.CLOSED),
          AttemptStatus.PAID, Set.of(),
          AttemptStatus.CLOSED, Set.of());

  @ParameterizedTest
  @EnumSource(AttemptStatus.class)
  void everyEdgeIsAllowedOnlyIfTheTableSaysSo(AttemptStatus from) {
    for (AttemptStatus to : AttemptStatus.values()) {
      assertThat(from.canMoveTo(to))
          .as("%s -> %s", from, to)
          .isEqualTo(ALLOWED.get(from).contains(to));
    }
    assertThat(from.next()).containsExactlyInAnyOrderElementsOf(ALLOWED.get(from));
  }
}
