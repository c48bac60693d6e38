package io.paydesk.erpsim;

import jakarta.jms.JMSRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A command-line ERP for trying PayDesk's messaging by hand.
 *
 * <pre>
 * java -jar erp-simulator/target/erp-simulator.jar events [--count N] [--seconds S]
 * java -jar erp-simulator/target/erp-simulator.jar create-order --order-no SO1 --amount 1999 \
 *     --description "T-shirt" [--openid o-buyer] [--expires-at 2026-11-28T12:00:00Z]
 * java -jar erp-simulator/target/erp-simulator.jar ship-order --order-no SO1 --carrier "SF Express" \
 *     --tracking-no SF1234567890
 * java -jar erp-simulator/target/erp-simulator.jar request-refund --order-no SO1 --amount 500 \
 *     --reason "damaged in transit" [--request-id R1]
 * java -jar erp-simulator/target/erp-simulator.jar approve-refund --out-refund-no RF...
 * java -jar erp-simulator/target/erp-simulator.jar close-order --order-no SO1 --reason "cancelled"
 * java -jar erp-simulator/target/erp-simulator.jar send --type CreateOrder --body '{...}'
 *
 * common options: [--broker tcp://127.0.0.1:61616] [--user paydesk]
 *     [--password-file data/secrets/broker-password] [--queue paydesk.erp.events]
 *     [--commands-queue paydesk.erp.commands] [--reply-to paydesk.erp.replies]
 *     [--command-id ID] [--wait S] [--events S]
 * </pre>
 *
 * {@code events} prints each event as it arrives (type, order, event id, body) and says when a
 * repeat is dropped; it stops after N events or S seconds without one, if given. A command sends
 * one message (a new command id unless --command-id names one; send it twice to see the same reply
 * twice), prints the reply, then the events that arrive within --events seconds (3).
 */
public final class ErpSimulator {

  static final String USAGE =
      "usage: erp-simulator events|create-order|ship-order|request-refund|approve-refund"
          + "|close-order|send [--broker URL] [--user U] [--password-file F] [options]"
          + " (see README)";

  private ErpSimulator() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(USAGE);
      System.exit(2);
    }
    Map<String, String> options = options(args);
    try {
      if ("events".equals(args[0])) {
        events(options);
        return;
      }
      Outgoing command = command(args[0], options);
      if (command == null) {
        System.err.println(USAGE);
        System.exit(2);
      }
      System.exit(send(command, options));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (JMSRuntimeException e) {
      System.err.println("cannot reach the broker " + broker(options) + ": " + e.getMessage());
      System.exit(1);
    }
  }

  /** A command to send: its type (null: none), JSON body, order (the group) and command id. */
  record Outgoing(String type, String body, String orderNo, String commandId) {}

  /** The command a subcommand stands for, or null for an unknown subcommand. */
  static Outgoing command(String name, Map<String, String> o) {
    String id = o.getOrDefault("--command-id", "erp-" + UUID.randomUUID());
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("commandId", id);
    String type;
    switch (name) {
      case "create-order" -> {
        type = "CreateOrder";
        f.put("orderNo", required(o, "--order-no"));
        f.put("openid", o.getOrDefault("--openid", "o-erp-buyer"));
        f.put("amount", Long.parseLong(required(o, "--amount")));
        f.put("description", required(o, "--description"));
        f.put("expiresAt", o.get("--expires-at"));
      }
      case "ship-order" -> {
        type = "ShipOrder";
        f.put("orderNo", required(o, "--order-no"));
        f.put("carrier", required(o, "--carrier"));
        f.put("trackingNo", required(o, "--tracking-no"));
      }
      case "request-refund" -> {
        type = "RequestRefund";
        f.put("orderNo", required(o, "--order-no"));
        f.put("amount", Long.parseLong(required(o, "--amount")));
        f.put("reason", required(o, "--reason"));
        f.put("requestId", o.get("--request-id"));
      }
      case "approve-refund" -> {
        type = "ApproveRefund";
        f.put("outRefundNo", required(o, "--out-refund-no"));
      }
      case "close-order" -> {
        type = "CloseOrder";
        f.put("orderNo", required(o, "--order-no"));
        f.put("reason", required(o, "--reason"));
      }
      case "send" -> {
        return new Outgoing(o.get("--type"), required(o, "--body"), o.get("--order-no"), null);
      }
      default -> {
        return null;
      }
    }
    return new Outgoing(type, CommandJson.object(f), (String) f.get("orderNo"), id);
  }

  private static int send(Outgoing command, Map<String, String> options) throws Exception {
    Duration wait = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--wait", "10")));
    long eventSeconds = Long.parseLong(options.getOrDefault("--events", "3"));
    try (CommandClient client =
        new CommandClient(
            broker(options),
            options.getOrDefault("--user", "paydesk"),
            password(options),
            options.getOrDefault("--commands-queue", "paydesk.erp.commands"),
            options.getOrDefault("--reply-to", "paydesk.erp.replies"))) {
      String messageId = client.send(command.type(), command.body(), command.orderNo());
      System.out.println(
          "sent "
              + (command.type() == null ? "(no commandType)" : command.type())
              + "  messageId="
              + messageId
              + "\n    "
              + command.body());
      if (command.commandId() == null) {
        System.out.println("(no command id: not waiting for a reply)");
        return 0;
      }
      Instant deadline = Instant.now().plus(wait);
      while (Instant.now().isBefore(deadline)) {
        var reply = client.nextReply(Duration.ofMillis(250));
        if (reply.isPresent() && command.commandId().equals(reply.get().correlationId())) {
          System.out.println(format(reply.get()));
          printEvents(options, eventSeconds);
          return "ACCEPTED".equals(reply.get().outcome()) ? 0 : 3;
        }
        reply.ifPresent(r -> System.out.println("(a reply to another command) " + format(r)));
      }
      System.out.println("no reply within " + wait.toSeconds() + " s");
      return 4;
    }
  }

  static String format(CommandClient.Reply r) {
    return "reply "
        + r.outcome()
        + "  "
        + r.commandType()
        + "  correlationId="
        + r.correlationId()
        + "\n    "
        + r.body();
  }

  private static void printEvents(Map<String, String> options, long seconds) throws Exception {
    if (seconds <= 0) {
      return;
    }
    try (EventReader reader =
        new EventReader(
            broker(options),
            options.getOrDefault("--user", "paydesk"),
            password(options),
            options.getOrDefault("--queue", "paydesk.erp.events"))) {
      Instant until = Instant.now().plusSeconds(seconds);
      while (Instant.now().isBefore(until)) {
        reader.next(Duration.ofMillis(250)).ifPresent(e -> System.out.println(format(e)));
      }
    }
  }

  private static void events(Map<String, String> options) throws Exception {
    int count = Integer.parseInt(options.getOrDefault("--count", "0"));
    Duration idle = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--seconds", "0")));
    try (EventReader reader =
        new EventReader(
            broker(options),
            options.getOrDefault("--user", "paydesk"),
            password(options),
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
    }
  }

  private static String broker(Map<String, String> options) {
    return options.getOrDefault("--broker", "tcp://127.0.0.1:61616");
  }

  private static String password(Map<String, String> options) throws java.io.IOException {
    return options.containsKey("--password-file")
        ? Files.readString(Path.of(options.get("--password-file"))).trim()
        : System.getenv().getOrDefault("PAYDESK_JMS_PASSWORD", "");
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
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
