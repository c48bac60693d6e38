package io.paydesk.refund.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Walks every edge of the refund's transition table: the allowed ones and all the others. */
class RefundStatusTest {

  static final Map<RefundStatus, Set<RefundStatus>> ALLOWED =
      Map.of(
          RefundStatus.PENDING_APPROVAL,
              Set.of(
                  RefundStatus.PENDING_SECOND_APPROVAL,
                  RefundStatus.APPROVED,
                  RefundStatus.REJECTED),
          RefundStatus.PENDING_SECOND_APPROVAL,
              Set.of(RefundStatus.APPROVED, RefundStatus.REJECTED),
          RefundStatus.APPROVED, Set.of(RefundStatus.PROCESSING, RefundStatus.FAILED),
          RefundStatus.PROCESSING, Set.of(RefundStatus.REFUNDED, RefundStatus.FAILED),
          RefundStatus.REFUNDED, Set.of(),
          RefundStatus.FAILED, Set.of(RefundStatus.SETTLED_OFFLINE),
          RefundStatus.REJECTED, Set.of(),
          RefundStatus.SETTLED_OFFLINE, Set.of());

  @ParameterizedTest
  @EnumSource(RefundStatus.class)
  void everyEdgeIsAllowedOnlyIfTheTableSaysSo(RefundStatus from) {
    for (RefundStatus to : RefundStatus.values()) {
      assertThat(from.canMoveTo(to))
          .as("%s -> %s", from, to)
          .isEqualTo(ALLOWED.get(from).contains(to));
    }
    assertThat(from.next()).containsExactlyInAnyOrderElementsOf(ALLOWED.get(from));
    assertThat(from.isFinal()).isEqualTo(ALLOWED.get(from).isEmpty());
  }

  @ParameterizedTest
  @EnumSource(RefundStatus.class)
  void onlyFailedAndRejectedFreeTheirAmount(RefundStatus status) {
    assertThat(status.atWeChat())
        .isEqualTo(status == RefundStatus.SETTLED_OFFLINE ? RefundStatus.FAILED : status);
    assertThat(status.counts())
        .isEqualTo(status != RefundStatus.FAILED && status != RefundStatus.REJECTED);
  }
}
