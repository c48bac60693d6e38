package io.paydesk.erpsim;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The simulator's commands as JSON, written by hand: the plain JMS client brings no JSON library.
 */
final class CommandJson {

  private CommandJson() {}

  /** An object of the given fields in order; Long and Integer values are numbers. */
  static String object(Map<String, Object> fields) {
    return fields.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(e -> quote(e.getKey()) + ":" + value(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String value(Object value) {
    return value instanceof Number ? value.toString() : quote(value.toString());
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
