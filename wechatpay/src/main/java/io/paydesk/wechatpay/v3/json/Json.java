package io.paydesk.wechatpay.v3.json;

import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer for API v3 messages, with no dependency beyond the JDK.
 * Reading is size-capped, depth-capped, refuses duplicate names (two parsers could otherwise read
 * one message two ways) and invalid UTF-8, and keeps every field — known or not — in the {@link
 * JsonObject}, where callers simply do not look at the ones they do not know. Integers become
 * {@code Long}; other numbers keep their text ({@link JsonNumber}): nothing is ever a float.
 */
public final class Json {
  /** The default size limit: 1 MiB, far above any v3 message PayDesk reads. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  private static final int MAX_DEPTH = 32;

  private final int maxBytes;

  public Json() {
    this(DEFAULT_MAX_BYTES);
  }

  public Json(int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  public int maxBytes() {
    return maxBytes;
  }

  /**
   * Parses a JSON object.
   *
   * @throws WeChatPayException JSON_TOO_LARGE or JSON_MALFORMED
   */
  public JsonObject parseObject(byte[] bytes) {
    if (bytes.length > maxBytes) {
      throw new WeChatPayException(Code.JSON_TOO_LARGE, "JSON larger than " + maxBytes + " bytes");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new WeChatPayException(Code.JSON_MALFORMED, "JSON is not UTF-8", e);
    }
    Reader reader = new Reader(text);
    reader.skipSpace();
    if (reader.peek() != '{') {
      throw reader.error("expected an object");
    }
    Object value = reader.value(0);
    reader.skipSpace();
    if (reader.pos != text.length()) {
      throw reader.error("trailing characters");
    }
    return (JsonObject) value;
  }

  /** Parses a JSON object given as text. */
  public JsonObject parseObject(String text) {
    return parseObject(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a map as a JSON object. Values: String, Long/Integer, Boolean, {@link JsonNumber}, Map,
   * List, {@link JsonObject}; null values are left out (v3 omits absent optional fields).
   */
  public static String write(Map<String, ?> object) {
    StringBuilder sb = new StringBuilder(256);
    writeValue(sb, object);
    return sb.toString();
  }

  private static void writeValue(StringBuilder sb, Object value) {
    if (value instanceof String s) {
      writeString(sb, s);
    } else if (value instanceof Long || value instanceof Integer) {
      sb.append(value);
    } else if (value instanceof Boolean b) {
      sb.append(b);
    } else if (value instanceof JsonNumber n) {
      sb.append(n.text());
    } else if (value instanceof JsonObject o) {
      writeValue(sb, o.asMap());
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getValue() == null) {
          continue;
        }
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeString(sb, (String) e.getKey());
        sb.append(':');
        writeValue(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeValue(sb, list.get(i));
      }
      sb.append(']');
    } else if (value == null) {
      sb.append("null");
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName());
    }
  }

  private static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** A recursive-descent reader over the decoded text. */
  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    void skipSpace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          return;
        }
      }
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH);
      }
      skipSpace();
      char c = peek();
      return switch (c) {
        case '{' -> object(depth);
        case '[' -> array(depth);
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", JsonObject.NULL);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw error("unexpected character");
        }
      };
    }

    private JsonObject object(int depth) {
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      skipSpace();
      if (peek() == '}') {
        pos++;
        return new JsonObject(Collections.unmodifiableMap(map));
      }
      while (true) {
        skipSpace();
        if (peek() != '"') {
          throw error("expected a name");
        }
        String name = string();
        skipSpace();
        expect(':');
        Object v = value(depth + 1);
        if (map.putIfAbsent(name, v) != null) {
          throw error("duplicate name");
        }
        skipSpace();
        char c = peek();
        pos++;
        if (c == '}') {
          return new JsonObject(Collections.unmodifiableMap(map));
        }
        if (c != ',') {
          throw error("expected , or }");
        }
      }
    }

    private List<Object> array(int depth) {
      pos++;
      List<Object> list = new ArrayList<>();
      skipSpace();
      if (peek() == ']') {
        pos++;
        return Collections.unmodifiableList(list);
      }
      while (true) {
        list.add(value(depth + 1));
        skipSpace();
        char c = peek();
        pos++;
        if (c == ']') {
          return Collections.unmodifiableList(list);
        }
        if (c != ',') {
          throw error("expected , or ]");
        }
      }
    }

    private String string() {
      pos++;
      StringBuilder sb = null;
      int start = pos;
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos);
        if (c == '"') {
          String tail = s.substring(start, pos);
          pos++;
          return sb == null ? tail : sb.append(tail).toString();
        }
        if (c < 0x20) {
          throw error("control character in a string");
        }
        if (c == '\\') {
          if (sb == null) {
            sb = new StringBuilder();
          }
          sb.append(s, start, pos);
          pos++;
          if (pos >= s.length()) {
            throw error("unterminated escape");
          }
          char e = s.charAt(pos++);
          switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
              if (pos + 4 > s.length()) {
                throw error("short \\u escape");
              }
              int cp = 0;
              for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos++), 16);
                if (d < 0) {
                  throw error("bad \\u escape");
                }
                cp = cp * 16 + d;
              }
              sb.append((char) cp);
            }
            default -> throw error("bad escape");
          }
          start = pos;
        } else {
          pos++;
        }
      }
    }

    private Object number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (peek() >= '1' && peek() <= '9') {
        while (peek() >= '0' && peek() <= '9') {
          pos++;
        }
      } else {
        throw error("bad number");
      }
      boolean integral = true;
      if (peek() == '.') {
        integral = false;
        pos++;
        int digits = pos;
        while (peek() >= '0' && peek() <= '9') {
          pos++;
        }
        if (pos == digits) {
          throw error("bad number");
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        integral = false;
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        int digits = pos;
        while (peek() >= '0' && peek() <= '9') {
          pos++;
        }
        if (pos == digits) {
          throw error("bad number");
        }
      }
      String text = s.substring(start, pos);
      if (integral && text.length() <= 18) {
        return Long.parseLong(text);
      }
      return new JsonNumber(text);
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) {
        throw error("unexpected literal");
      }
      pos += word.length();
      return value;
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected " + c);
      }
      pos++;
    }

    WeChatPayException error(String what) {
      return new WeChatPayException(Code.JSON_MALFORMED, "malformed JSON at " + pos + ": " + what);
    }
  }
}
