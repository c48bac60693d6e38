package io.paydesk.platform.job.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void theNthCheckWaitsTheNthDelayAndLaterOnesTheLast() {
    Backoff backoff = Backoff.parse("PT1M, PT5M,PT15M ,PT1H");

    assertThat(backoff.next(0, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(backoff.next(1, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(backoff.next(2, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    assertThat(backoff.next(3, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(backoff.next(40, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void aNegativeCountCountsAsNone() {
    assertThat(Backoff.parse("PT2M,PT4M").next(-3, NOW)).isEqualTo(NOW.plusSeconds(120));
  }

  @Test
  void oneDelayIsEveryDelay() {
    Backoff backoff = Backoff.parse("PT30S");

    assertThat(backoff.next(0, NOW)).isEqualTo(NOW.plusSeconds(30));
    assertThat(backoff.next(7, NOW)).isEqualTo(NOW.plusSeconds(30));
  }

  @Test
  void refusesNoDelayAZeroOrNegativeOneAndTextThatIsNotADuration() {
    assertThatThrownBy(() -> new Backoff(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.parse("PT1M,PT0S"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.parse("-PT1M")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.parse("5 minutes")).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void itsDelaysCannotBeChangedFromOutside() {
    var delays = new java.util.ArrayList<>(List.of(Duration.ofMinutes(1)));
    Backoff backoff = new Backoff(delays);
    delays.set(0, Duration.ofHours(9));

    assertThat(backoff.next(0, NOW)).isEqualTo(NOW.plusSeconds(60));
    assertThatThrownBy(() -> backoff.delays().add(Duration.ofMinutes(2)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
