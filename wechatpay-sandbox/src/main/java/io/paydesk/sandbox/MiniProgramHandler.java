package io.paydesk.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.v3.json.Json;
import io.paydesk.wechatpay.v3.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * WeChat's mini-program server API as PayDesk calls it: {@code POST /cgi-bin/stable_token}, {@code
 * POST /wxa/sec/order/upload_shipping_info} and {@code POST /wxa/sec/order/get_order}, JSON in and
 * out, with WeChat's errcodes. Uploads are checked against the sandbox's own payments (by
 * transaction_id, or mch_id and out_trade_no) of the token's appid. Faults come from {@link
 * MiniPrograms}: HTTP 503 while "down", tokens expired on demand, injected errcodes.
 */
final class MiniProgramHandler implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(MiniProgramHandler.class.getName());
  private static final int MAX_BODY = 64 * 1024;

  static final String STABLE_TOKEN = "/cgi-bin/stable_token";
  static final String UPLOAD = "/wxa/sec/order/upload_shipping_info";
  static final String GET_ORDER = "/wxa/sec/order/get_order";

  private final MiniPrograms apps;
  private final Ledger ledger;
  private final CallLog log;
  private final Json json = new Json(MAX_BODY);

  MiniProgramHandler(MiniPrograms apps, Ledger ledger, CallLog log) {
    this.apps = apps;
    this.ledger = ledger;
    this.log = log;
  }

  /** A refusal, answered as {@code {"errcode":..,"errmsg":..}} with HTTP 200, as WeChat does. */
  private static final class Refusal extends RuntimeException {
    final int errcode;

    Refusal(int errcode, String errmsg) {
      super(errmsg, null, false, false);
      this.errcode = errcode;
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (apps.down()) {
        log.add("MINIPROGRAM", path, "-", "", "HTTP 503 (fault: down)");
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Map<String, Object> answer;
      try {
        JsonObject request = parse(body);
        answer =
            switch (path) {
              case STABLE_TOKEN -> stableToken(request);
              case UPLOAD -> upload(appOf(exchange), request);
              case GET_ORDER -> getOrder(appOf(exchange), request);
              default -> throw new Refusal(40066, "invalid url");
            };
        log.add("MINIPROGRAM", path, "-", "", "errcode=0");
      } catch (Refusal r) {
        log.add("MINIPROGRAM", path, "-", "", "errcode=" + r.errcode);
        answer = new LinkedHashMap<>();
        answer.put("errcode", r.errcode);
        answer.put("errmsg", r.getMessage() + " rid: sandbox");
      }
      byte[] bytes = Json.write(answer).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      LOG.info(() -> "mini-program client went away path=" + path + " error=" + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "mini-program call failed path=" + path, e);
    }
  }

  private JsonObject parse(byte[] body) {
    if (body.length > MAX_BODY) {
      throw new Refusal(47001, "data format error: body too large");
    }
    try {
      return json.parseObject(body);
    } catch (WeChatPayException e) {
      throw new Refusal(47001, "data format error");
    }
  }

  // ---- stable_token

  private Map<String, Object> stableToken(JsonObject request) {
    String grantType = text(request, "grant_type");
    if (!"client_credential".equals(grantType)) {
      throw new Refusal(40002, "invalid grant_type");
    }
    String appId = text(request, "appid");
    Secret secret = appId == null ? null : apps.secret(appId);
    if (secret == null) {
      throw new Refusal(40013, "invalid appid");
    }
    String given = text(request, "secret");
    if (given == null
        || !MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8),
            secret.reveal().getBytes(StandardCharsets.UTF_8))) {
      throw new Refusal(40125, "invalid appsecret");
    }
    Object force = request.asMap().get("force_refresh");
    if (force != null && !(force instanceof Boolean)) {
      throw new Refusal(47001, "data format error: force_refresh is a boolean");
    }
    MiniPrograms.Token token = apps.token(appId, Boolean.TRUE.equals(force));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", token.value());
    answer.put(
        "expires_in",
        Math.max(1L, java.time.Duration.between(apps.now(), token.expiresAt()).toSeconds()));
    return answer;
  }

  private String appOf(HttpExchange exchange) {
    String token = null;
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("access_token=")) {
          token = URLDecoder.decode(pair.substring(13), StandardCharsets.UTF_8);
        }
      }
    }
    if (token == null || token.isEmpty()) {
      throw new Refusal(41001, "access_token missing");
    }
    Object checked = apps.check(token);
    if (checked instanceof Integer errcode) {
      throw new Refusal(
          errcode, errcode == 42001 ? "access_token expired" : "invalid credential, access_token");
    }
    return (String) checked;
  }

  // ---- upload_shipping_info

  private Map<String, Object> upload(String appId, JsonObject request) {
    Integer injected = apps.injectedError();
    if (injected != null) {
      throw new Refusal(injected, "injected by the sandbox");
    }
    Map<String, Object> body = request.asMap();
    JsonObject key = object(request, "order_key");
    Long logisticsType = number(request, "logistics_type");
    Long deliveryMode = number(request, "delivery_mode");
    Object list = body.get("shipping_list");
    String uploadTime = text(request, "upload_time");
    JsonObject payer = object(request, "payer");
    if (key == null
        || logisticsType == null
        || deliveryMode == null
        || !(list instanceof List<?> parcels)
        || uploadTime == null
        || payer == null
        || text(payer, "openid") == null) {
      throw new Refusal(47001, "data format error");
    }
    if (logisticsType < 1 || logisticsType > 4) {
      throw new Refusal(10060005, "物流类型有误 (logistics_type is 1 to 4)");
    }
    if (deliveryMode != 1 && deliveryMode != 2) {
      throw new Refusal(268485224, "发货模式非法 (delivery_mode is 1 or 2)");
    }
    if (deliveryMode == 2 && logisticsType != 1) {
      throw new Refusal(10060006, "非快递发货时不允许分拆发货");
    }
    if (deliveryMode == 2 && !(body.get("is_all_delivered") instanceof Boolean)) {
      throw new Refusal(10060007, "分拆发货模式下必须填写 is_all_delivered");
    }
    try {
      OffsetDateTime.parse(uploadTime);
    } catch (DateTimeParseException e) {
      throw new Refusal(268485216, "上传时间非法，请按照 RFC 3339 格式填写");
    }
    if (parcels.isEmpty() || parcels.size() > 15 || (deliveryMode == 1 && parcels.size() != 1)) {
      throw new Refusal(10060024, "物流信息列表太长 (unified delivery has exactly one parcel)");
    }
    for (Object p : parcels) {
      if (!(p instanceof JsonObject parcel)) {
        throw new Refusal(47001, "data format error: shipping_list holds objects");
      }
      String desc = text(parcel, "item_desc");
      if (desc == null || desc.isBlank()) {
        throw new Refusal(10060008, "商品描述 item_desc 字段不能为空");
      }
      if (desc.length() > 120) {
        throw new Refusal(10060009, "商品描述 item_desc 字段太长");
      }
      if (logisticsType == 1) {
        String company = text(parcel, "express_company");
        if (text(parcel, "tracking_no") == null || company == null) {
          throw new Refusal(268485226, "物流单号和物流公司编码不能为空");
        }
        if ("SF".equals(company) && object(parcel, "contact") == null) {
          throw new Refusal(47001, "data format error: contact is required for SF Express");
        }
        JsonObject contact = object(parcel, "contact");
        if (contact != null) {
          for (String field : List.of("receiver_contact", "consignor_contact")) {
            String phone = text(contact, field);
            if (phone != null && !phone.contains("*")) {
              throw new Refusal(47001, "data format error: " + field + " is masked");
            }
          }
        }
      }
    }
    Order order = find(appId, key);
    if (order.status() != TradeStatus.SUCCESS) {
      throw new Refusal(10060001, "支付单不存在");
    }
    if (!order.refunds().isEmpty() && order.refundedOrPending() >= order.totalFee) {
      throw new Refusal(10060004, "支付单处于不可发货的状态");
    }
    if (!Objects.equals(order.openid(), text(payer, "openid"))) {
      throw new Refusal(10060031, "该笔支付单不属于 openid 所对应的用户");
    }
    MiniPrograms.Shipping before = apps.shipping(order.transactionId());
    Map<String, Object> recorded = new LinkedHashMap<>(body);
    recorded.remove("upload_time");
    int changes = 0;
    if (before != null) {
      Map<String, Object> previous = new LinkedHashMap<>(before.body());
      previous.remove("upload_time");
      if (Json.write(previous).equals(Json.write(recorded))) {
        throw new Refusal(10060023, "发货信息未更新");
      }
      if (before.changes() >= 1) {
        throw new Refusal(10060003, "支付单已使用重新发货机会");
      }
      changes = before.changes() + 1;
    }
    apps.record(new MiniPrograms.Shipping(order.transactionId(), appId, body, apps.now(), changes));
    return Map.of("errcode", 0, "errmsg", "ok");
  }

  // ---- get_order

  private Map<String, Object> getOrder(String appId, JsonObject request) {
    String transactionId = text(request, "transaction_id");
    String mchId = text(request, "merchant_id");
    String outTradeNo = text(request, "merchant_trade_no");
    Order order;
    if (transactionId != null) {
      order = find(appId, 2L, transactionId, null, null);
    } else if (mchId != null && outTradeNo != null) {
      order = find(appId, 1L, null, mchId, outTradeNo);
    } else {
      throw new Refusal(47001, "data format error");
    }
    if (order.status() != TradeStatus.SUCCESS) {
      throw new Refusal(10060001, "支付单不存在");
    }
    MiniPrograms.Shipping shipping = apps.shipping(order.transactionId());
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("transaction_id", order.transactionId());
    o.put("merchant_id", order.mchId);
    o.put("merchant_trade_no", order.outTradeNo);
    o.put("openid", order.openid());
    o.put("description", order.body());
    o.put("paid_amount", order.totalFee);
    o.put("order_state", shipping == null ? 1L : 2L);
    o.put("in_complaint", false);
    if (shipping != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("delivery_mode", shipping.body().get("delivery_mode"));
      s.put("logistics_type", shipping.body().get("logistics_type"));
      s.put("finish_shipping", true);
      s.put("finish_shipping_count", (long) shipping.changes() + 1);
      s.put("shipping_list", shipping.body().get("shipping_list"));
      s.put("upload_time", shipping.body().get("upload_time"));
      o.put("shipping", s);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("errcode", 0);
    answer.put("errmsg", "ok");
    answer.put("order", o);
    return answer;
  }

  private Order find(String appId, JsonObject key) {
    return find(
        appId,
        number(key, "order_number_type"),
        text(key, "transaction_id"),
        text(key, "mchid"),
        text(key, "out_trade_no"));
  }

  private Order find(
      String appId, Long type, String transactionId, String mchId, String outTradeNo) {
    Order found;
    if (type != null && type == 2 && transactionId != null) {
      found =
          ledger.orders().stream()
              .filter(o -> transactionId.equals(o.transactionId()))
              .findFirst()
              .orElse(null);
    } else if (type != null && type == 1 && mchId != null && outTradeNo != null) {
      found = ledger.order(mchId, outTradeNo);
    } else {
      throw new Refusal(47001, "data format error: order_key");
    }
    if (found == null || !appId.equals(found.appId)) {
      throw new Refusal(10060001, "支付单不存在");
    }
    return found;
  }

  private static String text(JsonObject o, String name) {
    Object v = o.asMap().get(name);
    return v instanceof String s ? s : null;
  }

  private static Long number(JsonObject o, String name) {
    Object v = o.asMap().get(name);
    return v instanceof Long l ? l : null;
  }

  private static JsonObject object(JsonObject o, String name) {
    Object v = o.asMap().get(name);
    return v instanceof JsonObject j ? j : null;
  }
}
