package io.paydesk.payment.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Walks every edge of the shipping-information upload's transition table. */
class UploadStatusTest {

  static final Map<UploadStatus, Set<UploadStatus>> ALLOWED =
      Map.of(
          UploadStatus.PENDING,
              Set.of(UploadStatus.PENDING, UploadStatus.UPLOADED, UploadStatus.FAILED),
          UploadStatus.UPLOADED, Set.of(),
          UploadStatus.FAILED, Set.of(UploadStatus.PENDING));

  @ParameterizedTest
  @EnumSource(UploadStatus.class)
  void everyEdgeIsAllowedOnlyIfTheTableSaysSo(UploadStatus from) {
    for (UploadStatus to : UploadStatus.values()) {
      assertThat(from.canMoveTo(to))
          .as("%s -> %s", from, to)
          .isEqualTo(ALLOWED.get(from).contains(to));
    }
    assertThat(from.next()).containsExactlyInAnyOrderElementsOf(ALLOWED.get(from));
  }
}
