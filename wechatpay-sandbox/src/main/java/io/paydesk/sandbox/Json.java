package io.paydesk.sandbox;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough JSON for the control endpoints: writes maps, lists, strings, numbers, booleans and
 * null; reads one flat object of strings, numbers, booleans and nulls (values come back as text).
 */
final class Json {
  private Json() {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof Collection<?> list) {
      sb.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, item);
      }
      sb.append(']');
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else {
      string(sb, value.toString());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * Parses {@code {"k": "v", "n": 1, "b": true}}; nested values are refused.
   *
   * @throws IllegalArgumentException if the text is not such an object
   */
  static Map<String, String> readFlatObject(String text) {
    Parser p = new Parser(text);
    Map<String, String> out = new LinkedHashMap<>();
    p.skip();
    p.expect('{');
    p.skip();
    if (p.peek() == '}') {
      p.pos++;
    } else {
      while (true) {
        p.skip();
        String key = p.string();
        p.skip();
        p.expect(':');
        p.skip();
        out.put(key, p.scalar());
        p.skip();
        char c = p.next();
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw new IllegalArgumentException("expected , or } at " + p.pos);
        }
      }
    }
    p.skip();
    if (p.pos != text.length()) {
      throw new IllegalArgumentException("text after the object");
    }
    return out;
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    char peek() {
      if (pos >= s.length()) {
        throw new IllegalArgumentException("unexpected end of JSON");
      }
      return s.charAt(pos);
    }

    char next() {
      char c = peek();
      pos++;
      return c;
    }

    void expect(char c) {
      if (next() != c) {
        throw new IllegalArgumentException("expected " + c + " at " + (pos - 1));
      }
    }

    void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          char e = next();
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'u' -> {
              if (pos + 4 > s.length()) {
                throw new IllegalArgumentException("bad \\u escape");
              }
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(c);
        }
      }
    }

    String scalar() {
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (c == '{' || c == '[') {
        throw new IllegalArgumentException("nested values are not accepted");
      }
      int start = pos;
      while (pos < s.length() && ",} \t\r\n".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
      String token = s.substring(start, pos);
      if (token.equals("null")) {
        return null;
      }
      if (token.equals("true")
          || token.equals("false")
          || token.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
        return token;
      }
      throw new IllegalArgumentException("not a JSON value: " + token);
    }
  }
}
