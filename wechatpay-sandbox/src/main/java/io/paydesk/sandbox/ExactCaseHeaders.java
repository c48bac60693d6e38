package io.paydesk.sandbox;

import com.sun.net.httpserver.Headers;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Response header names exactly as WeChat writes them ({@code Wechatpay-Timestamp}, {@code
 * Request-ID}). HTTP/1.1 names are case-insensitive, but the official v3 SDK looks its headers up
 * case-sensitively, and the JDK's server rewrites every name to {@code Wechatpay-timestamp}. With
 * {@code --add-opens jdk.httpserver/com.sun.net.httpserver=ALL-UNNAMED} (the sandbox jar's manifest
 * and the tests set it) the name is stored as given; without it, the JDK's form is used.
 */
final class ExactCaseHeaders {
  private static final Logger LOG = Logger.getLogger(ExactCaseHeaders.class.getName());
  private static final Field MAP = mapField();

  private ExactCaseHeaders() {}

  static void set(Headers headers, String name, String value) {
    headers.remove(name);
    if (MAP != null) {
      try {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> map = (Map<String, List<String>>) MAP.get(headers);
        List<String> values = new ArrayList<>();
        values.add(value);
        map.put(name, values);
        return;
      } catch (IllegalAccessException e) {
        LOG.fine("exact-case headers unavailable");
      }
    }
    headers.set(name, value);
  }

  private static Field mapField() {
    try {
      Field f = Headers.class.getDeclaredField("map");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warning(
          "response header names will be lower-cased by the JDK (run with --add-opens"
              + " jdk.httpserver/com.sun.net.httpserver=ALL-UNNAMED for WeChat's exact names)");
      return null;
    }
  }
}
