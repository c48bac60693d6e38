import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The outbox relay under load, seen from the ERP's side (bench/relay.sh runs it):
 *
 * <pre>
 * steady BASE BROKER PASSWORD_FILE SECONDS CLIENTS   orders created as fast as CLIENTS threads can for
 *                                                     SECONDS; events/s received and the lag
 *                                                     (occurredAt -> received) at that load
 * create BASE N CLIENTS PREFIX                        N orders (the relay is held up meanwhile)
 * drain BROKER PASSWORD_FILE N PREFIX                 receives those N events: how fast the relay
 *                                                     empties a backlog of N events
 * </pre>
 */
public class RelayLoad {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "steady" -> steady(args[1], args[2], password(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
      case "create" -> {
        long started = System.nanoTime();
        int created = create(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], Long.MAX_VALUE);
        double s = (System.nanoTime() - started) / 1e9;
        System.out.printf("RESULT create orders=%d seconds=%.1f rate=%.0f/s%n", created, s, created / s);
      }
      case "drain" -> drain(args[1], password(args[2]), Integer.parseInt(args[3]), args[4]);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static String password(String file) throws Exception {
    return Files.readString(Path.of(file)).trim();
  }

  /** Creates orders PREFIX-0.. with CLIENTS threads until N are created or the deadline passes. */
  static int create(String base, int n, int clients, String prefix, long deadlineNanos) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger created = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      pool.submit(
          () -> {
            int i;
            while ((i = next.getAndIncrement()) < n && System.nanoTime() < deadlineNanos) {
              String body =
                  "{\"orderNo\":\"" + prefix + i + "\",\"openid\":\"o-bench\",\"amount\":100,"
                      + "\"description\":\"relay bench\"}";
              HttpRequest request =
                  HttpRequest.newBuilder(URI.create(base + "api/orders"))
                      .header("Content-Type", "application/json")
                      // the shop API's key (./paydesk run's demo client, data/secrets/api-key)
                      .header("Authorization", "Bearer " + System.getenv("PAYDESK_API_KEY"))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .timeout(Duration.ofSeconds(30))
                      .build();
              HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() != 201) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
              }
              created.incrementAndGet();
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
    return created.get();
  }

  static void steady(String base, String broker, String password, int seconds, int clients) throws Exception {
    String prefix = "BS" + UUID.randomUUID().toString().substring(0, 8) + "-";
    List<Long> lagsMicros = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger received = new AtomicInteger();
    Set<String> seen = Collections.synchronizedSet(new HashSet<>());
    long[] firstLast = {0, 0};
    java.util.concurrent.atomic.AtomicBoolean producing = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread consumer =
        new Thread(
            () -> {
              try (JMSContext context = context(broker, password);
                  JMSConsumer events = context.createConsumer(context.createQueue("paydesk.erp.events"))) {
                long quietSince = System.nanoTime();
                while (true) {
                  Message m = events.receive(500);
                  long now = System.currentTimeMillis();
                  if (m == null) {
                    // after the load: until 10 s pass without an event of this run
                    if (!producing.get() && System.nanoTime() - quietSince > 10_000_000_000L) {
                      return;
                    }
                    continue;
                  }
                  quietSince = System.nanoTime();
                  String aggregate = m.getStringProperty("aggregateId");
                  if (aggregate == null || !aggregate.startsWith(prefix)
                      || !seen.add(m.getStringProperty("eventId"))) {
                    continue;
                  }
                  Instant occurred = Instant.parse(m.getStringProperty("occurredAt"));
                  lagsMicros.add((now * 1000) - (occurred.toEpochMilli() * 1000 + occurred.getNano() / 1000 % 1000));
                  if (received.incrementAndGet() == 1) {
                    firstLast[0] = System.nanoTime();
                  }
                  firstLast[1] = System.nanoTime();
                }
              } catch (Exception e) {
                e.printStackTrace();
              }
            });
    consumer.start();
    long start = System.nanoTime();
    int created = create(base, Integer.MAX_VALUE, clients, prefix, start + seconds * 1_000_000_000L);
    double createSeconds = (System.nanoTime() - start) / 1e9;
    producing.set(false);
    consumer.join();
    List<Long> lags = new ArrayList<>(lagsMicros);
    Collections.sort(lags);
    double span = (firstLast[1] - firstLast[0]) / 1e9;
    System.out.printf(
        "RESULT steady clients=%d orders=%d created/s=%.0f events=%d events/s=%.0f lag_ms p50=%.1f p99=%.1f max=%.1f%n",
        clients, created, created / createSeconds, received.get(), received.get() / span,
        pct(lags, 0.50), pct(lags, 0.99), lags.isEmpty() ? 0 : lags.get(lags.size() - 1) / 1000.0);
  }

  static void drain(String broker, String password, int n, String prefix) throws Exception {
    Set<String> seen = new HashSet<>();
    long first = 0;
    long last = 0;
    try (JMSContext context = context(broker, password);
        JMSConsumer events = context.createConsumer(context.createQueue("paydesk.erp.events"))) {
      while (seen.size() < n) {
        Message m = events.receive(120_000);
        if (m == null) {
          break;
        }
        String aggregate = m.getStringProperty("aggregateId");
        if (aggregate != null && aggregate.startsWith(prefix) && seen.add(m.getStringProperty("eventId"))) {
          if (first == 0) {
            first = System.nanoTime();
          }
          last = System.nanoTime();
        }
      }
    }
    double s = (last - first) / 1e9;
    System.out.printf("RESULT drain events=%d seconds=%.2f events/s=%.0f%n", seen.size(), s, seen.size() / s);
  }

  static JMSContext context(String broker, String password) {
    return new ActiveMQConnectionFactory(broker).createContext("paydesk", password, JMSContext.AUTO_ACKNOWLEDGE);
  }

  static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1000.0;
  }
}
