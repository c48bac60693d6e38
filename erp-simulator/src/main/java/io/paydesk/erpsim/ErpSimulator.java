package io.paydesk.erpsim;

import jakarta.jms.JMSRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A command-line ERP for trying PayDesk's messaging by hand.
 *
 * <pre>
 * java -jar erp-simulator/target/erp-simulator.jar events \
 *     [--broker tcp://127.0.0.1:61616] [--user paydesk] [--password-file data/secrets/broker-password] \
 *     [--queue paydesk.erp.events] [--count N] [--seconds S]
 * </pre>
 *
 * Prints each event as it arrives (type, order, event id, body) and says when a repeat is dropped.
 * Stops after N events or S seconds without one, if given.
 */
public final class ErpSimulator {

  private ErpSimulator() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !"events".equals(args[0])) {
      System.err.println(
          "usage: erp-simulator events [--broker URL] [--user U] [--password-file F]"
              + " [--queue Q] [--count N] [--seconds S]");
      System.exit(2);
    }
    Map<String, String> options = options(args);
    String password =
        options.containsKey("--password-file")
            ? Files.readString(Path.of(options.get("--password-file"))).trim()
            : System.getenv().getOrDefault("PAYDESK_JMS_PASSWORD", "");
    int count = Integer.parseInt(options.getOrDefault("--count", "0"));
    Duration idle = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--seconds", "0")));
    String broker = options.getOrDefault("--broker", "tcp://127.0.0.1:61616");
    try (EventReader reader =
        new EventReader(
            broker,
            options.getOrDefault("--user", "paydesk"),
            password,
            options.getOrDefault("--queue", "paydesk.erp.events"))) {
      System.out.println("listening for PayDesk events (Ctrl-C stops)");
      int received = 0;
      Instant lastSeen = Instant.now();
      while (count == 0 || received < count) {
        var event = reader.next(Duration.ofSeconds(1));
        if (event.isEmpty()) {
          if (!idle.isZero() && Instant.now().isAfter(lastSeen.plus(idle))) {
            break;
          }
          continue;
        }
        lastSeen = Instant.now();
        received++;
        System.out.println(format(event.get()));
      }
    } catch (JMSRuntimeException e) {
      System.err.println("cannot read events from " + broker + ": " + e.getMessage());
      System.exit(1);
    }
  }

  static String format(EventReader.Event e) {
    String line =
        e.occurredAt()
            + "  "
            + e.type()
            + " v"
            + e.version()
            + "  "
            + e.aggregateType()
            + " "
            + e.aggregateId()
            + "  eventId="
            + e.eventId();
    return e.duplicate()
        ? line + "  (repeat of an event already processed: dropped)"
        : line + "\n    " + e.body();
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected an option, got " + args[i]);
      }
      options.put(args[i], args[i + 1]);
    }
    return options;
  }
}
