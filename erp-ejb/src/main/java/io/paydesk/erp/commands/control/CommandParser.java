package io.paydesk.erp.commands.control;

import io.paydesk.erp.commands.entity.Command;
import io.paydesk.erp.commands.entity.CommandType;
import io.paydesk.payment.entity.Delivery;
import io.paydesk.payment.entity.Order;
import io.paydesk.payment.entity.OrderItem;
import io.paydesk.payment.entity.Shipment;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a command message (its {@code commandType} property and JSON body) into a {@link Command},
 * checking it against the rules of its JSON Schema in docs/erp-contract/v1/commands: required
 * fields, types, lengths, patterns, no unknown fields. Plain Java, no container.
 *
 * <p>Three outcomes: a command; an invalid command (well-formed, with a usable command id: it is
 * answered with a rejection); or poison (no type, an unknown type, malformed JSON, no usable
 * command id: nobody can be answered, it goes to the dead-letter queue).
 */
public final class CommandParser {

  /** What the parser made of a message. */
  public sealed interface Parsed {}

  public record Valid(Command command) implements Parsed {}

  public record Invalid(String commandId, CommandType type, String reason) implements Parsed {}

  public record Poison(String reason) implements Parsed {}

  static final Pattern COMMAND_ID = Pattern.compile("[0-9A-Za-z._:-]{1,64}");
  static final Pattern ORDER_NO = Pattern.compile(Order.ORDER_NO_PATTERN);
  static final Pattern REQUEST_ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");
  static final Pattern PHONE = Pattern.compile(Delivery.PHONE);
  static final Pattern SHIPPING_METHOD = Pattern.compile("EXPRESS|SAME_CITY|VIRTUAL|PICKUP");
  static final Pattern EXPRESS_COMPANY = Pattern.compile(Shipment.EXPRESS_COMPANY);
  static final long MAX_AMOUNT = Order.MAX_AMOUNT;

  private CommandParser() {}

  public static Parsed parse(String commandType, String body) {
    if (commandType == null || commandType.isBlank()) {
      return new Poison("no commandType property");
    }
    CommandType type = CommandType.ofWireName(commandType).orElse(null);
    if (type == null) {
      return new Poison("unknown commandType " + abbreviate(commandType));
    }
    if (body == null) {
      return new Poison("no body: a command is a text message with a JSON object");
    }
    JsonObject json;
    try (var reader = Json.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        return new Poison("malformed JSON: the body is not a JSON object");
      }
      json = value.asJsonObject();
    } catch (JsonParsingException e) {
      return new Poison("malformed JSON: " + abbreviate(e.getMessage()));
    } catch (JsonException e) {
      return new Poison("malformed JSON: " + abbreviate(String.valueOf(e.getMessage())));
    }
    JsonValue id = json.get("commandId");
    if (!(id instanceof JsonString idString)
        || !COMMAND_ID.matcher(idString.getString()).matches()) {
      return new Poison("no valid commandId (1 to 64 letters, digits, '.', '_', ':' or '-')");
    }
    String commandId = idString.getString();
    Fields fields = new Fields(json);
    Command command =
        switch (type) {
          case CREATE_ORDER -> createOrder(commandId, fields);
          case REQUEST_REFUND -> requestRefund(commandId, fields);
          case APPROVE_REFUND ->
              new Command.ApproveRefund(
                  commandId,
                  fields.string("outRefundNo", Pattern.compile("[0-9A-Za-z_-]{1,64}"), true));
          case SHIP_ORDER ->
              new Command.ShipOrder(
                  commandId,
                  fields.orderNo(),
                  fields.text("carrier", 64, true),
                  fields.text("trackingNo", 64, true),
                  fields.string("method", SHIPPING_METHOD, false),
                  fields.string("expressCompany", EXPRESS_COMPANY, false));
          case CLOSE_ORDER ->
              new Command.CloseOrder(commandId, fields.orderNo(), fields.text("reason", 256, true));
        };
    fields.onlyKnown(allowed(type));
    return fields.errors.isEmpty()
        ? new Valid(command)
        : new Invalid(commandId, type, String.join("; ", fields.errors));
  }

  private static Command createOrder(String commandId, Fields fields) {
    List<Command.Item> items = new ArrayList<>();
    JsonArray lines = fields.array("items");
    if (lines != null) {
      if (lines.size() > Order.MAX_ITEMS) {
        fields.errors.add("items has at most " + Order.MAX_ITEMS + " lines");
      }
      for (int i = 0; i < lines.size(); i++) {
        if (!(lines.get(i) instanceof JsonObject line)) {
          fields.errors.add("items[" + i + "] is an object");
          continue;
        }
        Fields item = new Fields(line, "items[" + i + "].");
        items.add(
            new Command.Item(
                item.text("sku", OrderItem.MAX_SKU, true),
                item.text("name", OrderItem.MAX_NAME, true),
                (int) item.number("quantity", 1, 1_000_000, true),
                item.number("unitPrice", 0, MAX_AMOUNT, true)));
        item.onlyKnown(Set.of("sku", "name", "quantity", "unitPrice"));
        fields.errors.addAll(item.errors);
      }
    }
    return new Command.CreateOrder(
        commandId,
        fields.orderNo(),
        fields.text("openid", Order.MAX_OPENID, true),
        fields.number("amount", 1, MAX_AMOUNT, true),
        fields.text("description", Order.MAX_DESCRIPTION_BYTES, true),
        fields.instant("expiresAt"),
        items,
        delivery(fields));
  }

  /** The optional delivery details, checked field by field (the order checks them again). */
  private static Command.Delivery delivery(Fields fields) {
    JsonValue value = fields.json.get("delivery");
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      fields.errors.add("delivery is an object");
      return null;
    }
    Fields d = new Fields(object, "delivery.");
    Command.Delivery delivery =
        new Command.Delivery(
            d.text("recipientName", Delivery.MAX_NAME, true),
            d.string("phone", PHONE, true),
            d.text("province", Delivery.MAX_REGION, true),
            d.text("city", Delivery.MAX_REGION, true),
            d.text("district", Delivery.MAX_REGION, true),
            d.text("street", Delivery.MAX_STREET, true),
            d.optionalText("note", Delivery.MAX_NOTE));
    d.onlyKnown(Set.of("recipientName", "phone", "province", "city", "district", "street", "note"));
    fields.errors.addAll(d.errors);
    return delivery;
  }

  private static Command requestRefund(String commandId, Fields fields) {
    String requestId = fields.string("requestId", REQUEST_ID, false);
    return new Command.RequestRefund(
        commandId,
        fields.orderNo(),
        fields.number("amount", 1, MAX_AMOUNT, true),
        fields.text("reason", 256, true),
        requestId != null ? requestId : requestIdOf(commandId));
  }

  /** A command id as a refund request id (which allows fewer characters). */
  static String requestIdOf(String commandId) {
    return commandId.replaceAll("[^0-9A-Za-z_-]", "-");
  }

  private static Set<String> allowed(CommandType type) {
    return switch (type) {
      case CREATE_ORDER ->
          Set.of(
              "commandId",
              "orderNo",
              "openid",
              "amount",
              "description",
              "expiresAt",
              "items",
              "delivery");
      case REQUEST_REFUND -> Set.of("commandId", "orderNo", "amount", "reason", "requestId");
      case APPROVE_REFUND -> Set.of("commandId", "outRefundNo");
      case SHIP_ORDER ->
          Set.of("commandId", "orderNo", "carrier", "trackingNo", "method", "expressCompany");
      case CLOSE_ORDER -> Set.of("commandId", "orderNo", "reason");
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }

  /** Reads fields of one JSON object, collecting what is wrong instead of stopping at it. */
  private static final class Fields {
    final JsonObject json;
    final String prefix;
    final List<String> errors = new ArrayList<>();

    Fields(JsonObject json) {
      this(json, "");
    }

    Fields(JsonObject json, String prefix) {
      this.json = json;
      this.prefix = prefix;
    }

    String orderNo() {
      return string("orderNo", ORDER_NO, true);
    }

    String string(String name, Pattern pattern, boolean required) {
      String value = raw(name, required);
      if (value != null && !pattern.matcher(value).matches()) {
        errors.add(prefix + name + " must match " + pattern.pattern());
      }
      return value;
    }

    String text(String name, int maxLength, boolean required) {
      String value = raw(name, required);
      if (value != null && (value.isBlank() || value.length() > maxLength)) {
        errors.add(prefix + name + " is 1 to " + maxLength + " characters, not blank");
      }
      return value;
    }

    /** An optional text: absent, null or blank is none. */
    String optionalText(String name, int maxLength) {
      String value = raw(name, false);
      if (value != null && value.strip().length() > maxLength) {
        errors.add(prefix + name + " has at most " + maxLength + " characters");
      }
      return value == null || value.isBlank() ? null : value;
    }

    Instant instant(String name) {
      String value = raw(name, false);
      if (value == null) {
        return null;
      }
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        errors.add(prefix + name + " is an ISO-8601 instant in UTC, e.g. 2026-11-28T10:15:30Z");
        return null;
      }
    }

    long number(String name, long min, long max, boolean required) {
      JsonValue value = json.get(name);
      if (value == null || value == JsonValue.NULL) {
        if (required) {
          errors.add(prefix + name + " is required");
        }
        return 0;
      }
      if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
        errors.add(prefix + name + " is a whole number");
        return 0;
      }
      try {
        long n = number.longValueExact();
        if (n < min || n > max) {
          errors.add(prefix + name + " is from " + min + " to " + max);
        }
        return n;
      } catch (ArithmeticException e) {
        errors.add(prefix + name + " is from " + min + " to " + max);
        return 0;
      }
    }

    JsonArray array(String name) {
      JsonValue value = json.get(name);
      if (value == null || value == JsonValue.NULL) {
        return null;
      }
      if (value.getValueType() != JsonValue.ValueType.ARRAY) {
        errors.add(prefix + name + " is an array");
        return null;
      }
      return value.asJsonArray();
    }

    void onlyKnown(Set<String> known) {
      json.keySet().stream()
          .filter(k -> !known.contains(k))
          .sorted()
          .forEach(k -> errors.add(prefix + abbreviate(k) + " is not a field of this command"));
    }

    private String raw(String name, boolean required) {
      JsonValue value = json.get(name);
      if (value == null || value == JsonValue.NULL) {
        if (required) {
          errors.add(prefix + name + " is required");
        }
        return null;
      }
      if (!(value instanceof JsonString s)) {
        errors.add(prefix + name + " is a string");
        return null;
      }
      return s.getString();
    }
  }
}
