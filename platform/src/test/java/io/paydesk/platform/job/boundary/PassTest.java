package io.paydesk.platform.job.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PassTest {

  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private final FakeLease lease = new FakeLease();
  private final MutableClock clock = new MutableClock(T0);
  private final Pass pass = new Pass("test-janitor", clock);

  @Test
  void aPoisonItemIsPutBackAndThePassGoesOnWithTheNextItems() {
    DueQueue queue = new DueQueue(10);
    queue.add("P-poison", T0.minusSeconds(300));
    queue.add("A", T0.minusSeconds(200));
    queue.add("B", T0.minusSeconds(100));

    int seen = pass.run(INTERVAL, lease, List.of(queue.chore()));

    assertThat(seen).isEqualTo(3);
    assertThat(queue.done).containsExactly("A", "B");
    assertThat(queue.putBack).containsExactly("P-poison");
    assertThat(queue.why.get("P-poison"))
        .isEqualTo("janitor step failed: IllegalStateException: poisoned");
    assertThat(queue.dueAt.get("P-poison")).isAfter(T0);
  }

  @Test
  void aPoisonItemNoLongerBlocksLaterPassesWhenItStoodFirstInAFullBatch() {
    // a batch of one: before, the poison item stayed first and every pass tried only it
    DueQueue queue = new DueQueue(1);
    queue.add("P-poison", T0.minusSeconds(300));
    queue.add("A", T0.minusSeconds(200));
    queue.add("B", T0.minusSeconds(100));

    pass.run(INTERVAL, lease, List.of(queue.chore()));
    clock.now = clock.now.plus(INTERVAL);
    pass.run(INTERVAL, lease, List.of(queue.chore()));
    clock.now = clock.now.plus(INTERVAL);
    pass.run(INTERVAL, lease, List.of(queue.chore()));

    assertThat(queue.attempted).containsExactly("P-poison", "A", "B");
    assertThat(queue.done).containsExactly("A", "B");
  }

  @Test
  void aFailingPutBackIsLoggedAndThePassStillGoesOn() {
    DueQueue queue = new DueQueue(10);
    queue.add("P-poison", T0.minusSeconds(300));
    queue.add("A", T0.minusSeconds(200));
    Chore chore =
        new Chore(
            "outTradeNo",
            queue::due,
            queue::step,
            (item, why) -> {
              throw new IllegalStateException("database busy");
            });

    assertThat(pass.run(INTERVAL, lease, List.of(chore))).isEqualTo(2);
    assertThat(queue.done).containsExactly("A");
  }

  @Test
  void choresRunInOrderAndAFailureInTheFirstDoesNotStopTheSecond() {
    DueQueue attempts = new DueQueue(10);
    attempts.add("P-attempt", T0.minusSeconds(60));
    DueQueue orders = new DueQueue(10);
    orders.add("O1", T0.minusSeconds(60));

    int seen = pass.run(INTERVAL, lease, List.of(attempts.chore(), orders.chore()));

    assertThat(seen).isEqualTo(2);
    assertThat(attempts.putBack).containsExactly("P-attempt");
    assertThat(orders.done).containsExactly("O1");
  }

  @Test
  void aDueQueueThatCannotBeReadEndsThePassAndTheNextIntervalTriesAgain() {
    Chore broken =
        new Chore(
            "outRefundNo",
            () -> {
              throw new IllegalStateException("connection refused");
            },
            item -> {},
            (item, why) -> {});

    assertThat(pass.run(INTERVAL, lease, List.of(broken))).isZero();

    DueQueue queue = new DueQueue(10);
    queue.add("A", T0.minusSeconds(1));
    assertThat(pass.run(INTERVAL, lease, List.of(queue.chore()))).isEqualTo(1);
  }

  @Test
  void nothingRunsWhileAnotherNodeHoldsTheLease() {
    lease.free = false;
    DueQueue queue = new DueQueue(10);
    queue.add("A", T0.minusSeconds(1));

    assertThat(pass.run(INTERVAL, lease, List.of(queue.chore()))).isZero();
    assertThat(queue.attempted).isEmpty();
    assertThat(lease.asked).containsExactly("test-janitor for PT2M");
  }

  @Test
  void aTickRunsAPassOncePerInterval() {
    AtomicInteger passes = new AtomicInteger();

    pass.tick(INTERVAL, lease, passes::incrementAndGet);
    clock.now = T0.plusSeconds(29);
    pass.tick(INTERVAL, lease, passes::incrementAndGet);
    clock.now = T0.plusSeconds(30);
    pass.tick(INTERVAL, lease, passes::incrementAndGet);

    assertThat(passes).hasValue(2);
  }

  @Test
  void aPassDoesNotStartWhileOneRunsOnThisNode() {
    AtomicInteger inner = new AtomicInteger(-1);

    int outer =
        pass.run(
            INTERVAL,
            lease,
            () -> {
              inner.set(pass.run(INTERVAL, lease, () -> 99));
              return 1;
            });

    assertThat(outer).isEqualTo(1);
    assertThat(inner).hasValue(0);
    assertThat(pass.run(INTERVAL, lease, () -> 7)).isEqualTo(7);
  }

  @Test
  void describesAFailureByItsInnermostCause() {
    var wrapped =
        new RuntimeException(
            "EJB wrapper", new IllegalStateException("outer", new ArithmeticException("deep")));

    assertThat(Pass.describe(wrapped)).isEqualTo("ArithmeticException: deep");
    assertThat(Pass.describe(new NullPointerException())).isEqualTo("NullPointerException");
  }

  /** A due queue as the database keeps one: items by when they are next due, a batch at a time. */
  private final class DueQueue {
    final int batch;
    final Map<String, Instant> dueAt = new LinkedHashMap<>();
    final Map<String, String> why = new LinkedHashMap<>();
    final List<String> attempted = new ArrayList<>();
    final List<String> done = new ArrayList<>();
    final List<String> putBack = new ArrayList<>();

    DueQueue(int batch) {
      this.batch = batch;
    }

    void add(String item, Instant due) {
      dueAt.put(item, due);
    }

    Chore chore() {
      return new Chore("outTradeNo", this::due, this::step, this::putBack);
    }

    List<String> due() {
      return dueAt.entrySet().stream()
          .filter(e -> e.getValue() != null && !e.getValue().isAfter(clock.now))
          .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
          .limit(batch)
          .map(Map.Entry::getKey)
          .toList();
    }

    void step(String item) {
      attempted.add(item);
      if (item.startsWith("P-")) {
        throw new RuntimeException("EJB wrapper", new IllegalStateException("poisoned"));
      }
      done.add(item);
      dueAt.put(item, null);
    }

    void putBack(String item, String reason) {
      putBack.add(item);
      why.put(item, reason);
      dueAt.put(item, clock.now.plus(Duration.ofMinutes(5)));
    }
  }

  private static final class FakeLease extends JobLease {
    boolean free = true;
    final List<String> asked = new ArrayList<>();

    @Override
    public boolean tryAcquire(String name, Duration ttl) {
      asked.add(name + " for " + ttl);
      return free;
    }
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
