package io.paydesk.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.Yuan;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sandbox's own endpoints under {@code /sandbox/}: the buyer ({@code /sandbox/buyer/pay},
 * {@code fail}, {@code abandon}), a small HTML page at {@code /sandbox/}, and the admin endpoints
 * ({@code /sandbox/admin/...}: faults, balances, refund outcomes, orders, merchants, the call log).
 * Parameters come as a query string, a form body or a flat JSON object; answers are JSON. Loopback
 * clients only.
 */
final class ControlHandler implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(ControlHandler.class.getName());

  private final Ledger ledger;
  private final Faults faults;
  private final CallLog log;

  ControlHandler(Ledger ledger, Faults faults, CallLog log) {
    this.ledger = ledger;
    this.faults = faults;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
        json(exchange, 403, Map.of("error", "loopback clients only"));
        return;
      }
      try {
        route(exchange);
      } catch (IllegalArgumentException e) {
        json(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
      } catch (IllegalStateException e) {
        json(exchange, 409, Map.of("error", String.valueOf(e.getMessage())));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "control call failed", e);
        json(exchange, 500, Map.of("error", e.getClass().getSimpleName()));
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    boolean post = "POST".equals(exchange.getRequestMethod());
    Map<String, String> p = params(exchange);
    switch (path) {
      case "/sandbox", "/sandbox/" -> page(exchange);
      case "/sandbox/buyer/pay", "/sandbox/buyer/fail", "/sandbox/buyer/abandon" -> {
        requirePost(post);
        buyer(exchange, path.substring("/sandbox/buyer/".length()), p);
      }
      case "/sandbox/admin/faults" -> {
        if (post) {
          setFaults(p);
        }
        json(exchange, 200, faults.toMap());
      }
      case "/sandbox/admin/balance" -> {
        requirePost(post);
        String mchId = required(p, "mch_id");
        ledger.setBalance(mchId, longOrNull(p, "unsettled_fen"), longOrNull(p, "available_fen"));
        json(exchange, 200, merchantView(ledger.merchant(mchId)));
      }
      case "/sandbox/admin/refund-outcome" -> {
        requirePost(post);
        json(exchange, 200, refundOutcome(p));
      }
      case "/sandbox/admin/merchants" -> {
        List<Object> out = new ArrayList<>();
        ledger.merchants().forEach(m -> out.add(merchantView(m)));
        json(exchange, 200, out);
      }
      case "/sandbox/admin/orders" -> {
        List<Object> out = new ArrayList<>();
        List<Order> orders = ledger.orders();
        orders.sort(Comparator.comparing((Order o) -> o.createdAt).reversed());
        String mchId = p.get("mch_id");
        String subMchId = p.get("sub_mch_id");
        for (Order o : orders) {
          if ((mchId == null || mchId.equals(o.mchId))
              && (subMchId == null || subMchId.equals(o.subMchId()))) {
            out.add(orderView(o));
          }
        }
        json(exchange, 200, out);
      }
      case "/sandbox/admin/log" -> {
        int limit = p.containsKey("limit") ? Integer.parseInt(p.get("limit")) : 200;
        List<Object> out = new ArrayList<>();
        for (CallLog.Entry e : log.last(limit)) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("at", e.at().toString());
          m.put("kind", e.kind());
          m.put("target", e.target());
          m.put("mch_id", e.mchId());
          m.put("reference", e.reference());
          m.put("outcome", e.outcome());
          out.add(m);
        }
        json(exchange, 200, out);
      }
      default -> json(exchange, 404, Map.of("error", "no such endpoint: " + path));
    }
  }

  private void buyer(HttpExchange exchange, String action, Map<String, String> p)
      throws IOException {
    String prepayId = required(p, "prepay_id");
    Order order =
        switch (action) {
          case "pay" -> ledger.pay(prepayId, p.get("bank_type"));
          case "fail" -> ledger.failPayment(prepayId);
          default -> ledger.abandon(prepayId);
        };
    log.add(
        "BUYER", "/sandbox/buyer/" + action, order.mchId, "outTradeNo=" + order.outTradeNo, action);
    if ("page".equals(p.get("from"))) {
      exchange.getResponseHeaders().set("Location", "/sandbox/");
      exchange.sendResponseHeaders(303, -1);
      return;
    }
    json(exchange, 200, orderView(order));
  }

  private void setFaults(Map<String, String> p) {
    if ("true".equals(p.get("reset"))) {
      faults.reset();
    }
    if (p.containsKey("latency_ms")) {
      faults.latency(Duration.ofMillis(Long.parseLong(p.get("latency_ms"))));
    }
    if (p.containsKey("system_error_rate")) {
      faults.systemErrorRate(Double.parseDouble(p.get("system_error_rate")));
    }
    if (p.containsKey("reset_rate")) {
      faults.resetRate(Double.parseDouble(p.get("reset_rate")));
    }
    if (p.containsKey("notify_drop_rate")) {
      faults.notifyDropRate(Double.parseDouble(p.get("notify_drop_rate")));
    }
    if (p.containsKey("notify_duplicate_rate")) {
      faults.notifyDuplicateRate(Double.parseDouble(p.get("notify_duplicate_rate")));
    }
    if (p.containsKey("notify_delay_ms")) {
      faults.notifyDelay(Duration.ofMillis(Long.parseLong(p.get("notify_delay_ms"))));
    }
    if (p.containsKey("notify_reorder_window_ms")) {
      faults.notifyReorderWindow(
          Duration.ofMillis(Long.parseLong(p.get("notify_reorder_window_ms"))));
    }
    if (p.containsKey("secapi_down_ms")) {
      faults.secapiDownFor(Duration.ofMillis(Long.parseLong(p.get("secapi_down_ms"))));
    }
  }

  private Map<String, Object> refundOutcome(Map<String, String> p) {
    Map<String, Object> out = new LinkedHashMap<>();
    String mchId = p.get("mch_id");
    if ("true".equals(p.get("clear_rules"))) {
      ledger.clearRefundRules(required(p, "mch_id"));
      out.put("rules", "cleared");
      return out;
    }
    RefundOutcome outcome = RefundOutcome.valueOf(required(p, "outcome"));
    if (p.containsKey("out_refund_no")) {
      ledger.setRefundOutcome(p.get("out_refund_no"), outcome);
      out.put("out_refund_no", p.get("out_refund_no"));
    } else if (p.containsKey("min_fee") || p.containsKey("max_fee")) {
      long min = p.containsKey("min_fee") ? Long.parseLong(p.get("min_fee")) : 0;
      long max = p.containsKey("max_fee") ? Long.parseLong(p.get("max_fee")) : Long.MAX_VALUE;
      ledger.addRefundRule(required(p, "mch_id"), new Ledger.OutcomeRule(min, max, outcome));
      out.put("mch_id", mchId);
      out.put("min_fee", min);
      out.put("max_fee", max);
    } else {
      ledger.setDefaultRefundOutcome(required(p, "mch_id"), outcome);
      out.put("mch_id", mchId);
      out.put("default", true);
    }
    out.put("outcome", outcome.name());
    return out;
  }

  private Map<String, Object> merchantView(SandboxMerchant m) {
    long[] b = ledger.balance(m.mchId());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("appid", m.appId());
    out.put("mch_id", m.mchId());
    out.put("unsettled_fen", b[0]);
    out.put("available_fen", b[1]);
    out.put("refund_outcome", m.refundOutcome().name());
    if (m.isServiceProvider()) {
      List<Object> subs = new ArrayList<>();
      for (io.paydesk.wechatpay.SubMerchant sub : m.subMerchants()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("sub_mch_id", sub.subMchId());
        one.put("sub_appid", sub.subAppId());
        subs.add(one);
      }
      out.put("sub_merchants", subs);
    }
    return out;
  }

  static Map<String, Object> orderView(Order o) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mch_id", o.mchId);
    if (o.subMchId() != null) {
      out.put("sub_mch_id", o.subMchId());
      out.put("sub_appid", o.subAppId());
    }
    out.put("out_trade_no", o.outTradeNo);
    out.put("prepay_id", o.prepayId());
    out.put("total_fee", o.totalFee);
    out.put("body", o.body());
    out.put("trade_state", o.tradeState());
    out.put("created_at", BeijingTime.format(o.createdAt));
    out.put("transaction_id", o.transactionId());
    out.put("time_end", o.timeEnd() == null ? null : BeijingTime.format(o.timeEnd()));
    out.put("bank_type", o.bankType());
    out.put("notified", o.notified());
    out.put("notify_attempts", o.notifyAttempts());
    List<Object> refunds = new ArrayList<>();
    for (Refund r : o.refunds()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("out_refund_no", r.outRefundNo);
      rm.put("refund_id", r.refundId);
      rm.put("refund_fee", r.refundFee);
      rm.put("refund_status", r.state().name());
      rm.put("notified", r.notified());
      rm.put("notify_attempts", r.notifyAttempts());
      refunds.add(rm);
    }
    out.put("refunds", refunds);
    return out;
  }

  private void page(HttpExchange exchange) throws IOException {
    StringBuilder html = new StringBuilder(4096);
    html.append(
        "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\">"
            + "<title>WeChat Pay sandbox</title><style>body{font-family:sans-serif;margin:2em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}"
            + "form{display:inline}</style></head><body><h1>WeChat Pay sandbox: the buyer</h1>"
            + "<p>Pay, fail or abandon an order as a buyer in WeChat would. JSON endpoints and"
            + " faults: see the README.</p><table><tr><th>mch_id</th><th>sub_mch_id</th>"
            + "<th>out_trade_no</th>"
            + "<th>商品</th><th>金额 (yuan)</th><th>trade_state</th><th>notified</th>"
            + "<th></th></tr>");
    List<Order> orders = ledger.orders();
    orders.sort(Comparator.comparing((Order o) -> o.createdAt).reversed());
    int shown = 0;
    for (Order o : orders) {
      if (shown++ == 100) {
        break;
      }
      html.append("<tr><td>")
          .append(esc(o.mchId))
          .append("</td><td>")
          .append(esc(o.subMchId()))
          .append("</td><td>")
          .append(esc(o.outTradeNo))
          .append("</td><td>")
          .append(esc(o.body()))
          .append("</td><td>")
          .append(Yuan.fromFen(o.totalFee))
          .append("</td><td>")
          .append(o.tradeState())
          .append("</td><td>")
          .append(o.notified())
          .append("</td><td>");
      if (o.status() == TradeStatus.NOTPAY || o.status() == TradeStatus.PAYERROR) {
        for (String action : List.of("pay", "fail", "abandon")) {
          html.append("<form method=\"post\" action=\"/sandbox/buyer/")
              .append(action)
              .append("\"><input type=\"hidden\" name=\"prepay_id\" value=\"")
              .append(esc(o.prepayId()))
              .append("\"><input type=\"hidden\" name=\"from\" value=\"page\">")
              .append("<button>")
              .append(action)
              .append("</button></form> ");
        }
      }
      html.append("</td></tr>");
    }
    html.append("</table></body></html>");
    ApiHandler.send(exchange, 200, "text/html; charset=UTF-8", html.toString());
  }

  private static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static void requirePost(boolean post) {
    if (!post) {
      throw new IllegalArgumentException("use POST");
    }
  }

  private static String required(Map<String, String> p, String name) {
    String value = p.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("missing parameter " + name);
    }
    return value;
  }

  private static Long longOrNull(Map<String, String> p, String name) {
    return p.containsKey(name) ? Long.valueOf(p.get(name)) : null;
  }

  private static Map<String, String> params(HttpExchange exchange) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    form(exchange.getRequestURI().getRawQuery(), out);
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(64 * 1024);
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.startsWith("{")) {
      Json.readFlatObject(text)
          .forEach(
              (k, v) -> {
                if (v != null) {
                  out.put(k, v);
                }
              });
    } else {
      form(text, out);
    }
    return out;
  }

  private static void form(String raw, Map<String, String> out) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
  }

  private static void json(HttpExchange exchange, int status, Object value) throws IOException {
    ApiHandler.send(exchange, status, "application/json; charset=UTF-8", Json.write(value));
  }
}
