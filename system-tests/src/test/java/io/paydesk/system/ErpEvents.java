package io.paydesk.system;

import io.paydesk.erpsim.EventReader;
import io.paydesk.it.TestBroker;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The ERP's side of the events queue, as the crash tests count it: every message received (a repeat
 * included), by event id, and the event ids of each (type, order) pair. The ERP's reader reconnects
 * by itself when the broker goes away (killed, restarted).
 */
final class ErpEvents implements AutoCloseable {

  /** One (type, order) pair: {@code OrderPaid} of {@code SO123}. */
  record Key(String type, String orderNo) {}

  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  private final Map<Key, Set<String>> ids = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger received = new AtomicInteger();
  private final Thread thread;

  /** Reads the test broker's events queue. */
  ErpEvents() {
    this(TestBroker.get().url());
  }

  ErpEvents(String brokerUrl) {
    String url = brokerUrl + "?reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1";
    thread =
        new Thread(
            () -> {
              while (running.get()) {
                try (EventReader reader =
                    new EventReader(
                        url, TestBroker.USER, TestBroker.PASSWORD, "paydesk.erp.events")) {
                  while (running.get()) {
                    reader.next(Duration.ofMillis(200)).ifPresent(this::record);
                  }
                } catch (RuntimeException brokerAway) {
                  pause();
                }
              }
            },
            "erp-events");
    thread.setDaemon(true);
    thread.start();
  }

  private void record(EventReader.Event event) {
    received.incrementAndGet();
    deliveries.computeIfAbsent(event.eventId(), k -> new AtomicInteger()).incrementAndGet();
    JsonObject body = Json.createReader(new StringReader(event.body())).readObject();
    if (body.containsKey("orderNo") && !body.isNull("orderNo")) {
      ids.computeIfAbsent(
              new Key(event.type(), body.getString("orderNo")), k -> ConcurrentHashMap.newKeySet())
          .add(event.eventId());
    }
  }

  /** The event ids of {@code type} by order number, for the orders starting with {@code prefix}. */
  Map<String, Set<String>> of(String type, String prefix) {
    return ids.entrySet().stream()
        .filter(e -> e.getKey().type().equals(type) && e.getKey().orderNo().startsWith(prefix))
        .collect(Collectors.toMap(e -> e.getKey().orderNo(), e -> Set.copyOf(e.getValue())));
  }

  /** How many times the event with this id arrived. */
  int deliveries(String eventId) {
    AtomicInteger n = deliveries.get(eventId);
    return n == null ? 0 : n.get();
  }

  /** Messages received so far, repeats included. */
  int received() {
    return received.get();
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
