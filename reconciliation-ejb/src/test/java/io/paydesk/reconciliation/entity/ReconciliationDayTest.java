package io.paydesk.reconciliation.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReconciliationDayTest {

  static final Instant NOW = Instant.parse("2026-11-28T02:30:00Z");
  static final LocalDate DAY = LocalDate.of(2026, 11, 27);

  @Test
  void aDayIsQueuedClaimedAndCompleted() {
    var day = new ReconciliationDay("1900000109", DAY, "schedule", NOW);
    assertThat(day.status()).isEqualTo(DayStatus.QUEUED);
    day.claim("node-a", NOW);
    assertThat(day.status()).isEqualTo(DayStatus.RUNNING);
    assertThat(day.tries()).isEqualTo(1);
    assertThat(day.resumedFrom()).isNull();
    day.complete(3, NOW);
    assertThat(day.status()).isEqualTo(DayStatus.COMPLETED);
    assertThat(day.discrepancyCount()).isEqualTo(3);
    assertThat(day.node()).isNull();
  }

  @Test
  void aBillNotReadyWaitsAndIsClaimedAgain() {
    var day = new ReconciliationDay("1900000109", DAY, "li.na", NOW);
    day.claim("node-a", NOW);
    day.waitUntil(NOW.plusSeconds(900), "bill not ready: Bill Creating");
    assertThat(day.status()).isEqualTo(DayStatus.WAITING);
    assertThat(day.nextTryAt()).isEqualTo(NOW.plusSeconds(900));
    day.claim("node-a", NOW.plusSeconds(900));
    assertThat(day.tries()).isEqualTo(2);
  }

  @Test
  void aRerunTakesTheNextRunNumberAndStartsFromZero() {
    var day = new ReconciliationDay("1900000109", DAY, "schedule", NOW);
    day.claim("node-a", NOW);
    day.complete(1, NOW);
    day.rerun("li.na", NOW);
    assertThat(day.status()).isEqualTo(DayStatus.QUEUED);
    assertThat(day.runNo()).isEqualTo(2);
    assertThat(day.linesDone()).isZero();
    assertThat(day.discrepancyCount()).isZero();
    assertThat(day.requestedBy()).isEqualTo("li.na");
  }

  @Test
  void forbiddenTransitionsAreRefused() {
    var day = new ReconciliationDay("1900000109", DAY, "schedule", NOW);
    assertThatThrownBy(() -> day.complete(0, NOW)).isInstanceOf(IllegalStateException.class);
    day.claim("node-a", NOW);
    assertThatThrownBy(() -> day.rerun("li.na", NOW)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new ReconciliationDay("1900000109", DAY, " ", NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyStatusAllowsExactlyItsTransitions() {
    for (DayStatus from : DayStatus.values()) {
      for (DayStatus to : DayStatus.values()) {
        assertThat(from.canBecome(to)).isEqualTo(from.next().contains(to));
      }
    }
    assertThat(DayStatus.COMPLETED.canBecome(DayStatus.RUNNING)).isFalse();
    assertThat(DayStatus.RUNNING.canBecome(DayStatus.QUEUED)).isFalse();
  }
}
