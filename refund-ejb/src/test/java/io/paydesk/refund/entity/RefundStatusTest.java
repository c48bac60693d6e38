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
          RefundStatus.FAILED, Set.of(),
          RefundStatus.REJECTED, Set.of());

  static final Map<RefundStatus, String> LABELS =
      Map.of(
          RefundStatus.PENDING_APPROVAL, "待审核",
          RefundStatus.PENDING_SECOND_APPROVAL, "待复核",
          RefundStatus.APPROVED, "待退款",
          RefundStatus.PROCESSING, "退款中",
          RefundStatus.REFUNDED, "退款完成",
          RefundStatus.FAILED, "自动退款失败",
          RefundStatus.REJECTED, "已驳回");

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
  void everyStatusHasItsLabelAndOnlyFailedAndRejectedFreeTheirAmount(RefundStatus status) {
    assertThat(status.label()).isEqualTo(LABELS.get(status));
    assertThat(status.counts())
        .isEqualTo(status != RefundStatus.FAILED && status != RefundStatus.REJECTED);
  }
}
