package io.paydesk.platform.audit.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatusHistoryTest {

  @Test
  void aReasonUpToTheLimitIsKeptWholeAndALongerOneIsCut() {
    String limit = "退".repeat(StatusHistory.MAX_REASON);

    assertThat(StatusHistory.reason(limit)).isSameAs(limit);
    assertThat(StatusHistory.reason(limit + "款")).isEqualTo(limit);
    assertThat(StatusHistory.reason(null)).isNull();
  }

  @Test
  void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
    String text = "ab" + "😀" + "cd"; // the emoji is two chars: a surrogate pair

    assertThat(StatusHistory.fit(text, 3)).isEqualTo("ab");
    assertThat(StatusHistory.fit(text, 4)).isEqualTo("ab😀");
    assertThat(StatusHistory.fit(text, 2)).isEqualTo("ab");
  }

  @Test
  void anActorIsRequiredAndNeverCut() {
    String longest = "a".repeat(StatusHistory.MAX_ACTOR);

    assertThat(StatusHistory.actor(longest)).isEqualTo(longest);
    assertThatThrownBy(() -> StatusHistory.actor(longest + "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StatusHistory.actor(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StatusHistory.actor(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
