package io.paydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.Http;
import io.paydesk.it.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro is killed (SIGKILL) while the outbox relay publishes, and started again. A backlog
 * of OrderCreated events builds up while the broker is stopped; the broker is started again and
 * PayDesk is killed as soon as the first of them reaches the ERP (the simulator's JMS reader, which
 * counts every message it receives), in the middle of publishing. Afterwards every event has
 * arrived, and an event that arrived more than once always carried the same eventId: one id per
 * order, nothing lost, every repeat recognisable.
 *
 * <p>On the default store: the outbox rows are ordinary commits, whose durability on both stores
 * {@link NotificationStormCrashIT} shows. Sized for CI; {@code -Dpaydesk.crash.events=N} makes it
 * larger.
 */
class RelayCrashIT {

  static final int EVENTS = Integer.getInteger("paydesk.crash.events", 400);
  static final Duration WAIT = Duration.ofMinutes(3);

  @Test
  void onTheDefaultStoreNoEventIsLostWhenTheRelayIsKilledWhilePublishing() throws Exception {
    Path work = Files.createTempDirectory("paydesk-relay-crash");
    int port = PayDeskRestartIT.freePort();
    TestBroker broker = TestBroker.get();
    try (MicroProcess paydesk =
            new MicroProcess(
                PayDeskRestartIT.ARTIFACTS, work, port, PayDeskRestartIT.environment(work, port));
        ErpEvents erp = new ErpEvents()) {
      paydesk.start();
      Http http = new Http(paydesk.url().toURL());
      relayKilledWhilePublishing(paydesk, http, broker, erp);
    }
  }

  private void relayKilledWhilePublishing(
      MicroProcess paydesk, Http http, TestBroker broker, ErpEvents erp) throws Exception {
    String prefix = "EV" + Long.toString(System.nanoTime(), 36).toUpperCase();
    broker.stop();
    List<String> orders = new ArrayList<>();
    try {
      ExecutorService shop = Executors.newFixedThreadPool(8);
      List<Future<Integer>> created = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        String orderNo = prefix + String.format("%06d", i);
        orders.add(orderNo);
        created.add(
            shop.submit(() -> http.postJson("api/orders", Http.order(orderNo, 100)).status()));
      }
      for (Future<Integer> status : created) {
        assertThat(status.get()).isEqualTo(201);
      }
      shop.shutdown();
    } finally {
      broker.start();
    }
    // the relay finds the broker back within a second or two: strike at its first event
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(2))
        .until(() -> !erp.of("OrderCreated", prefix).isEmpty());
    paydesk.kill();
    int beforeKill = erp.of("OrderCreated", prefix).size();
    paydesk.start();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(erp.of("OrderCreated", prefix).keySet()).containsAll(orders));
    Thread.sleep(2_000);
    Map<String, Set<String>> events = erp.of("OrderCreated", prefix);
    assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(orders);
    int repeats = 0;
    for (String orderNo : orders) {
      Set<String> ids = events.get(orderNo);
      assertThat(ids).as("event ids of " + orderNo + "'s OrderCreated").hasSize(1);
      repeats += erp.deliveries(ids.iterator().next()) - 1;
    }
    System.out.printf(
        "RESULT relay-crash events=%d arrived-before-kill=%d repeats-after-restart=%d%n",
        orders.size(), beforeKill, repeats);
  }
}
