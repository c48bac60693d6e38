package io.paydesk.platform.job.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OneAtATimeTest {

  @Test
  void workOnOneKeyNeverOverlaps() throws Exception {
    OneAtATime gate = new OneAtATime(16, Duration.ofSeconds(30));
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Optional<Integer>>> runs = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        runs.add(
            pool.submit(
                () ->
                    gate.run(
                        "PD-same",
                        () -> {
                          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                          sleep(2);
                          return inside.decrementAndGet();
                        })));
      }
      for (var run : runs) {
        assertThat(run.get(30, TimeUnit.SECONDS)).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isEqualTo(1);
  }

  @Test
  void aKeyBusyLongerThanThePatienceAnswersEmptyAndRunsNothing() throws Exception {
    OneAtATime gate = new OneAtATime(4, Duration.ofMillis(50));
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                gate.run(
                    "PD-busy",
                    () -> {
                      holding.countDown();
                      await(release);
                      return true;
                    }));
    holder.start();
    holding.await();
    AtomicInteger ran = new AtomicInteger();
    assertThat(gate.run("PD-busy", ran::incrementAndGet)).isEmpty();
    assertThat(ran).hasValue(0);
    release.countDown();
    holder.join();
    assertThat(gate.run("PD-busy", ran::incrementAndGet)).contains(1);
  }

  @Test
  void aFailureReleasesTheKey() {
    OneAtATime gate = new OneAtATime(1, Duration.ofMillis(50));
    assertThatThrownBy(
            () ->
                gate.run(
                    "PD-fails",
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(gate.run("PD-fails", () -> "again")).contains("again");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
