package io.paydesk.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin endpoints of the mini-program server API, under {@code /sandbox/mini-program/}
 * (loopback clients only; parameters in the query string; answers JSON):
 *
 * <ul>
 *   <li>{@code GET state}: faults, tokens issued, upload calls, payments with an upload;
 *   <li>{@code POST
 *       faults?down-s=N&token-lifetime-s=N&fail-upload=ERRCODE&times=N&expire-tokens=true} (any of
 *       them);
 *   <li>{@code POST reset}: every mini-program fault off.
 * </ul>
 */
final class MiniProgramControls implements HttpHandler {

  private final MiniPrograms apps;

  MiniProgramControls(MiniPrograms apps) {
    this.apps = apps;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
        ApiHandler.send(exchange, 403, "application/json; charset=UTF-8", "{}");
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      String action = path.substring("/sandbox/mini-program/".length());
      boolean post = "POST".equals(exchange.getRequestMethod());
      Map<String, String> p = query(exchange.getRequestURI().getRawQuery());
      try {
        switch (action) {
          case "state" -> {}
          case "reset" -> {
            requirePost(post);
            apps.reset();
          }
          case "faults" -> {
            requirePost(post);
            if (p.containsKey("down-s")) {
              apps.downFor(Duration.ofSeconds(Long.parseLong(p.get("down-s"))));
            }
            if (p.containsKey("token-lifetime-s")) {
              apps.tokenLifetime(Duration.ofSeconds(Long.parseLong(p.get("token-lifetime-s"))));
            }
            if (p.containsKey("fail-upload")) {
              apps.failUploads(
                  Integer.parseInt(p.get("fail-upload")),
                  Integer.parseInt(p.getOrDefault("times", "1")));
            }
            if (Boolean.parseBoolean(p.get("expire-tokens"))) {
              apps.expireTokens();
            }
          }
          default -> throw new IllegalArgumentException("unknown action " + action);
        }
        ApiHandler.send(exchange, 200, "application/json; charset=UTF-8", Json.write(apps.toMap()));
      } catch (IllegalArgumentException e) {
        ApiHandler.send(
            exchange,
            400,
            "application/json; charset=UTF-8",
            Json.write(Map.of("error", String.valueOf(e.getMessage()))));
      }
    }
  }

  private static void requirePost(boolean post) {
    if (!post) {
      throw new IllegalArgumentException("use POST");
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
