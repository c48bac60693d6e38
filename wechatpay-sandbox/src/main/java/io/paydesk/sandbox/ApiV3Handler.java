package io.paydesk.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.sign.Nonce;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.v3.crypto.AeadAesGcm;
import io.paydesk.wechatpay.v3.crypto.Authorization;
import io.paydesk.wechatpay.v3.crypto.Pem;
import io.paydesk.wechatpay.v3.crypto.RsaSigner;
import io.paydesk.wechatpay.v3.crypto.SignatureHeaders;
import io.paydesk.wechatpay.v3.json.Json;
import io.paydesk.wechatpay.v3.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * The WeChat Pay API v3 endpoints, on the same server and order book as v2: verifies each request's
 * {@code WECHATPAY2-SHA256-RSA2048} authorization against the merchant's registered API certificate
 * (401 {@code SIGN_ERROR} for a missing, malformed, stale or wrong one), applies the same faults as
 * v2, translates the JSON into the {@link Ledger}'s terms and back, and signs every answer ({@code
 * Wechatpay-*} headers) with the WeChat Pay public key or the current platform certificate, as the
 * merchant is registered. Errors are {@code {"code","message"}} with WeChat's HTTP statuses.
 */
final class ApiV3Handler implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(ApiV3Handler.class.getName());
  private static final int MAX_BODY = 64 * 1024;
  private static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final Duration DOWNLOAD_VALIDITY = Duration.ofSeconds(30);
  private static final DateTimeFormatter BILL_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  private static final String JSAPI = "/v3/pay/transactions/jsapi";
  private static final String BY_OUT_TRADE_NO = "/v3/pay/transactions/out-trade-no/";
  private static final String REFUNDS = "/v3/refund/domestic/refunds";
  private static final String TRADE_BILL = "/v3/bill/tradebill";
  private static final String BILL_FILE = "/v3/billdownload/file";
  private static final String CERTIFICATES = "/v3/certificates";

  private final Ledger ledger;
  private final V3Keys keys;
  private final Faults faults;
  private final BillControls bills;
  private final CallLog log;
  private final Clock clock;
  private final Json json = new Json(MAX_BODY);
  private final Map<String, BillToken> downloads = new ConcurrentHashMap<>();

  ApiV3Handler(
      Ledger ledger, V3Keys keys, Faults faults, BillControls bills, CallLog log, Clock clock) {
    this.ledger = ledger;
    this.keys = keys;
    this.faults = faults;
    this.bills = bills;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    try (exchange) {
      handle(exchange, path);
    } catch (IOException e) {
      LOG.info(() -> "API v3 client went away path=" + path + " error=" + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "API v3 call failed path=" + path, e);
    }
  }

  private void handle(HttpExchange exchange, String path) throws IOException {
    String method = exchange.getRequestMethod();
    String query = exchange.getRequestURI().getRawQuery();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    sleep(faults.latency().toMillis());
    if (faults.resetConnection()) {
      log.add("API", path, "-", "", "connection reset (fault)");
      return;
    }
    Call call = new Call(exchange, method, path, null);
    if (body.length > MAX_BODY) {
      error(call, 400, "PARAM_ERROR", "请求体过大");
      return;
    }
    Authorization auth =
        Authorization.parse(exchange.getRequestHeaders().getFirst("Authorization"));
    if (auth == null) {
      error(call, 401, "SIGN_ERROR", "Authorization缺失或格式错误 (WECHATPAY2-SHA256-RSA2048 expected)");
      return;
    }
    SandboxMerchant m = ledger.merchant(auth.mchId());
    if (m == null) {
      error(call, 400, "MCH_NOT_EXISTS", "商户号不存在");
      return;
    }
    call = new Call(exchange, method, path, m);
    if (m.apiV3() == null) {
      error(call, 403, "NO_AUTH", "商户未开通APIv3 (register the merchant for v3 in the sandbox)");
      return;
    }
    X509Certificate registered = keys.merchantCertificate(m.mchId());
    if (!Pem.serial(registered).equals(auth.serialNo())) {
      error(call, 401, "SIGN_ERROR", "商户证书序列号有误 (serial_no is not the merchant's API certificate)");
      return;
    }
    Instant signedAt = Instant.ofEpochSecond(auth.timestamp());
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
      error(call, 401, "SIGN_ERROR", "请求的时间戳已过期或超前 (timestamp more than 5 minutes off)");
      return;
    }
    String pathAndQuery = path + (query == null ? "" : "?" + query);
    String message =
        Authorization.message(
            method,
            pathAndQuery,
            auth.timestamp(),
            auth.nonce(),
            new String(body, StandardCharsets.UTF_8));
    if (!RsaSigner.verify(registered.getPublicKey(), message, auth.signature())) {
      error(call, 401, "SIGN_ERROR", "签名错误");
      return;
    }
    boolean refund = path.startsWith(REFUNDS);
    if (refund && faults.secapiDown()) {
      log.add("API", path, m.mchId(), "", "HTTP 503 (fault: refunds down)");
      exchange.sendResponseHeaders(503, -1);
      return;
    }
    try {
      if (faults.systemError()) {
        throw new BusinessError("SYSTEMERROR", "系统错误 (fault injected by the sandbox)");
      }
      route(call, query, body);
    } catch (BusinessError e) {
      V3Code code = V3Code.of(e.errCode(), refund);
      error(call, code.status, code.code, e.description());
    } catch (WeChatPayException e) {
      error(call, 400, "PARAM_ERROR", "参数错误: " + e.getMessage());
    }
  }

  private void route(Call call, String query, byte[] body) throws IOException {
    String p = call.path;
    String method = call.method;
    if (method.equals("POST") && p.equals(JSAPI)) {
      jsapi(call, json.parseObject(body));
    } else if (method.equals("GET") && p.startsWith(BY_OUT_TRADE_NO) && !p.endsWith("/close")) {
      String no = segment(p.substring(BY_OUT_TRADE_NO.length()));
      String mchid = query(query).get("mchid");
      if (!call.merchant.mchId().equals(mchid)) {
        throw new BusinessError("PARAM_ERROR", "mchid与请求的商户号不一致");
      }
      queryOrder(call, no);
    } else if (method.equals("POST") && p.startsWith(BY_OUT_TRADE_NO) && p.endsWith("/close")) {
      String no = segment(p.substring(BY_OUT_TRADE_NO.length(), p.length() - "/close".length()));
      JsonObject req = json.parseObject(body);
      if (!call.merchant.mchId().equals(req.string("mchid"))) {
        throw new BusinessError("PARAM_ERROR", "mchid与请求的商户号不一致");
      }
      ledger.closeOrder(call.merchant, Map.of("out_trade_no", no));
      call.reference = "outTradeNo=" + no;
      answer(call, 204, null);
    } else if (method.equals("POST") && p.equals(REFUNDS)) {
      refund(call, json.parseObject(body));
    } else if (method.equals("GET") && p.startsWith(REFUNDS + "/")) {
      queryRefund(call, segment(p.substring(REFUNDS.length() + 1)));
    } else if (method.equals("GET") && p.equals(TRADE_BILL)) {
      tradeBill(call, query(query));
    } else if (method.equals("GET") && p.equals(BILL_FILE)) {
      download(call, query(query).get("token"));
    } else if (method.equals("GET") && p.equals(CERTIFICATES)) {
      certificates(call);
    } else {
      error(call, 404, "NOT_FOUND", "接口不存在: " + method + " " + p);
    }
  }

  // ------------------------------------------------------------------ payments

  private void jsapi(Call call, JsonObject req) throws IOException {
    SandboxMerchant m = call.merchant;
    if (!m.mchId().equals(req.string("mchid")) || !m.appId().equals(req.string("appid"))) {
      throw new BusinessError("APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配");
    }
    JsonObject amount = req.object("amount");
    String currency = amount.optString("currency");
    if (currency != null && !currency.equals("CNY")) {
      throw new BusinessError("PARAM_ERROR", "currency must be CNY");
    }
    Map<String, String> v2 = new LinkedHashMap<>();
    v2.put("api", "v3");
    v2.put("body", req.string("description"));
    v2.put("out_trade_no", req.string("out_trade_no"));
    v2.put("total_fee", Long.toString(amount.longValue("total")));
    v2.put("notify_url", req.string("notify_url"));
    v2.put("trade_type", "JSAPI");
    v2.put("openid", req.object("payer").string("openid"));
    v2.put("attach", req.optString("attach"));
    JsonObject scene = req.optObject("scene_info");
    String ip = scene == null ? null : scene.optString("payer_client_ip");
    v2.put("spbill_create_ip", ip == null ? "127.0.0.1" : ip);
    String expire = req.optString("time_expire");
    if (expire != null) {
      try {
        v2.put("time_expire", BeijingTime.format(BeijingTime.parseRfc3339(expire)));
      } catch (IllegalArgumentException e) {
        throw new BusinessError("PARAM_ERROR", "time_expire must be RFC 3339");
      }
    }
    v2.values().removeIf(v -> v == null);
    call.reference = "outTradeNo=" + v2.get("out_trade_no");
    Map<String, String> result = ledger.unifiedOrder(m, v2, SignType.MD5);
    answer(call, 200, Map.of("prepay_id", result.get("prepay_id")));
  }

  private void queryOrder(Call call, String outTradeNo) throws IOException {
    call.reference = "outTradeNo=" + outTradeNo;
    Map<String, String> v2 = ledger.queryOrder(call.merchant, Map.of("out_trade_no", outTradeNo));
    Order o = ledger.order(call.merchant.mchId(), outTradeNo);
    answer(call, 200, transaction(o, v2.get("trade_state_desc")));
  }

  /** The v3 form of an order (the query answer and the notification's resource). */
  static Map<String, Object> transaction(Order o, String tradeStateDesc) {
    boolean paid = o.transactionId() != null;
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("appid", o.appId);
    t.put("mchid", o.mchId);
    t.put("out_trade_no", o.outTradeNo);
    t.put("transaction_id", o.transactionId());
    t.put("trade_type", "JSAPI");
    t.put("trade_state", o.tradeState());
    t.put("trade_state_desc", tradeStateDesc);
    t.put("bank_type", o.bankType());
    t.put("attach", o.attach() == null ? "" : o.attach());
    if (paid && o.timeEnd() != null) {
      t.put("success_time", BeijingTime.formatRfc3339(o.timeEnd()));
    }
    t.put("payer", Map.of("openid", o.openid()));
    Map<String, Object> amount = new LinkedHashMap<>();
    amount.put("total", o.totalFee);
    if (paid) {
      amount.put("payer_total", o.totalFee);
    }
    amount.put("currency", "CNY");
    amount.put("payer_currency", "CNY");
    t.put("amount", amount);
    t.put("promotion_detail", List.of());
    return t;
  }

  // ------------------------------------------------------------------ refunds

  private void refund(Call call, JsonObject req) throws IOException {
    JsonObject amount = req.object("amount");
    String currency = amount.optString("currency");
    if (currency != null && !currency.equals("CNY")) {
      throw new BusinessError("PARAM_ERROR", "currency must be CNY");
    }
    Map<String, String> v2 = new LinkedHashMap<>();
    v2.put("out_trade_no", req.optString("out_trade_no"));
    v2.put("transaction_id", req.optString("transaction_id"));
    v2.put("out_refund_no", req.string("out_refund_no"));
    v2.put("total_fee", Long.toString(amount.longValue("total")));
    v2.put("refund_fee", Long.toString(amount.longValue("refund")));
    v2.put("refund_desc", req.optString("reason"));
    v2.put("notify_url", req.optString("notify_url"));
    String funds = req.optString("funds_account");
    if (funds != null && !funds.equals("AVAILABLE") && !funds.equals("UNSETTLED")) {
      throw new BusinessError("PARAM_ERROR", "funds_account must be AVAILABLE");
    }
    v2.put(
        "refund_account",
        "AVAILABLE".equals(funds) ? Refund.RECHARGE_FUNDS : Refund.UNSETTLED_FUNDS);
    v2.values().removeIf(v -> v == null);
    call.reference = "outRefundNo=" + v2.get("out_refund_no");
    ledger.refund(call.merchant, v2);
    answer(call, 200, refundJson(call.merchant.mchId(), v2.get("out_refund_no")));
  }

  private void queryRefund(Call call, String outRefundNo) throws IOException {
    call.reference = "outRefundNo=" + outRefundNo;
    if (ledger.refund(call.merchant.mchId(), outRefundNo) == null) {
      throw new BusinessError("REFUNDNOTEXIST", "退款单不存在");
    }
    answer(call, 200, refundJson(call.merchant.mchId(), outRefundNo));
  }

  private Map<String, Object> refundJson(String mchId, String outRefundNo) {
    Refund r = ledger.refund(mchId, outRefundNo);
    Order o = ledger.order(mchId, r.outTradeNo);
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("refund_id", r.refundId);
    j.put("out_refund_no", r.outRefundNo);
    j.put("transaction_id", o.transactionId());
    j.put("out_trade_no", r.outTradeNo);
    j.put("channel", "ORIGINAL");
    j.put("user_received_account", r.recvAccount());
    if (r.successTime() != null) {
      j.put("success_time", BeijingTime.formatRfc3339(r.successTime()));
    }
    j.put("create_time", BeijingTime.formatRfc3339(r.createdAt));
    j.put("status", v3Status(r.state()));
    j.put(
        "funds_account", Refund.RECHARGE_FUNDS.equals(r.refundAccount) ? "AVAILABLE" : "UNSETTLED");
    j.put("amount", refundAmount(r));
    j.put("promotion_detail", List.of());
    return j;
  }

  static Map<String, Object> refundAmount(Refund r) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("total", r.totalFee);
    a.put("refund", r.refundFee);
    a.put("from", List.of());
    a.put("payer_total", r.totalFee);
    a.put("payer_refund", r.refundFee);
    a.put("settlement_refund", r.refundFee);
    a.put("settlement_total", r.totalFee);
    a.put("discount_refund", 0L);
    a.put("currency", "CNY");
    return a;
  }

  /** v2's refund states in v3's words. */
  static String v3Status(RefundState state) {
    return switch (state) {
      case PROCESSING -> "PROCESSING";
      case SUCCESS -> "SUCCESS";
      case CHANGE -> "ABNORMAL";
      case REFUNDCLOSE -> "CLOSED";
    };
  }

  // ------------------------------------------------------------------ bills and certificates

  private void tradeBill(Call call, Map<String, String> q) throws IOException {
    String dateText = q.get("bill_date");
    LocalDate date;
    try {
      date = LocalDate.parse(dateText == null ? "" : dateText, BILL_DATE);
    } catch (DateTimeParseException e) {
      throw new BusinessError("PARAM_ERROR", "bill_date must be yyyy-MM-dd");
    }
    call.reference = "billDate=" + dateText;
    LocalDate today = Ledger.beijingDate(clock.instant());
    if (date.isAfter(today) || date.isBefore(today.minusMonths(3))) {
      throw new BusinessError("INVALID_REQUEST", "bill_date超出可下载范围 (the last 3 months)");
    }
    String type = q.getOrDefault("bill_type", "ALL");
    Predicate<Bills.Line> filter =
        type.equals("RECHARGE_REFUND") ? null : Bills.filter(type.isEmpty() ? "ALL" : type);
    if (filter == null) {
      throw new BusinessError("PARAM_ERROR", "bill_type must be ALL, SUCCESS or REFUND");
    }
    String tar = q.get("tar_type");
    if (tar != null && !tar.equals("GZIP")) {
      throw new BusinessError("PARAM_ERROR", "tar_type must be GZIP");
    }
    if (bills.isNotReady(date)) {
      error(call, 400, "STATEMENT_CREATING", "账单生成中，请稍后再试");
      return;
    }
    Path file = bills.file(date);
    BillToken token;
    if (file != null) {
      token = new BillToken(call.merchant.mchId(), null, file, "GZIP".equals(tar), expiry());
    } else {
      List<Bills.Line> lines =
          ledger.billLines(call.merchant.mchId(), date).stream()
              .map(bills::apply)
              .filter(java.util.Objects::nonNull)
              .filter(filter)
              .toList();
      if (lines.isEmpty()) {
        error(call, 400, "NO_STATEMENT_EXIST", "No statement exist (这一天没有账单)");
        return;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Bills.write(lines, bills.summaryOffset(), out);
      token =
          new BillToken(
              call.merchant.mchId(), out.toByteArray(), null, "GZIP".equals(tar), expiry());
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    downloads.values().removeIf(t -> t.expiresAt.isBefore(Instant.now()));
    downloads.put(id, token);
    int port = call.exchange.getLocalAddress().getPort();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("hash_type", "SHA1");
    j.put("hash_value", sha1(token));
    j.put("download_url", "https://127.0.0.1:" + port + BILL_FILE + "?token=" + id);
    answer(call, 200, j);
  }

  private void download(Call call, String tokenId) throws IOException {
    BillToken token = tokenId == null ? null : downloads.get(tokenId);
    if (token == null
        || !token.mchId.equals(call.merchant.mchId())
        || token.expiresAt.isBefore(Instant.now())) {
      error(call, 400, "INVALID_REQUEST", "下载链接无效或已过期 (download_url is valid 30 s)");
      return;
    }
    log.add("API", BILL_FILE, call.merchant.mchId(), "", "SUCCESS file");
    HttpExchange exchange = call.exchange;
    exchange
        .getResponseHeaders()
        .set("Content-Type", token.gzip ? "application/x-gzip" : "text/plain; charset=UTF-8");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out =
        token.gzip
            ? new GZIPOutputStream(exchange.getResponseBody(), 64 * 1024)
            : exchange.getResponseBody()) {
      if (token.content != null) {
        out.write(token.content);
      } else {
        Files.copy(token.file, out);
      }
    }
  }

  private void certificates(Call call) throws IOException {
    AeadAesGcm cipher = new AeadAesGcm(call.merchant.apiV3().apiV3Key());
    List<Map<String, Object>> data = new ArrayList<>();
    for (V3Keys.Platform p : keys.platformCertificates()) {
      String pem;
      try {
        pem = Pem.encode("CERTIFICATE", p.certificate().getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      String nonce = Nonce.generate().substring(0, 12);
      Map<String, Object> enc = new LinkedHashMap<>();
      enc.put("algorithm", AeadAesGcm.ALGORITHM);
      enc.put("nonce", nonce);
      enc.put("associated_data", "certificate");
      enc.put("ciphertext", cipher.encrypt("certificate", nonce, pem));
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("serial_no", p.serial());
      item.put(
          "effective_time", BeijingTime.formatRfc3339(p.certificate().getNotBefore().toInstant()));
      item.put("expire_time", BeijingTime.formatRfc3339(p.certificate().getNotAfter().toInstant()));
      item.put("encrypt_certificate", enc);
      data.add(item);
    }
    // the list is signed by the current platform certificate, whatever the merchant's mode
    call.signingOverride = keys.signing(SandboxMerchant.V3Verification.PLATFORM_CERTIFICATE);
    answer(call, 200, Map.of("data", data));
  }

  // ------------------------------------------------------------------ answers

  private void answer(Call call, int status, Map<String, ?> body) throws IOException {
    log.add("API", call.path, call.merchant.mchId(), call.reference, "HTTP " + status);
    send(
        call,
        status,
        body == null ? new byte[0] : Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  private void error(Call call, int status, String code, String message) throws IOException {
    log.add(
        "API",
        call.path,
        call.merchant == null ? "-" : call.merchant.mchId(),
        call.reference,
        "HTTP " + status + " " + code);
    send(
        call,
        status,
        Json.write(Map.of("code", code, "message", message)).getBytes(StandardCharsets.UTF_8));
  }

  /** Every answer is signed, errors included, as WeChat does. */
  private void send(Call call, int status, byte[] bytes) throws IOException {
    V3Keys.Signing signing =
        call.signingOverride != null
            ? call.signingOverride
            : keys.signing(
                call.merchant == null || call.merchant.apiV3() == null
                    ? SandboxMerchant.V3Verification.PUBLIC_KEY
                    : call.merchant.apiV3().verification());
    SignatureHeaders h =
        SignatureHeaders.sign(
            signing.signer(),
            signing.serial(),
            clock.instant().getEpochSecond(),
            Nonce.generate(),
            bytes);
    HttpExchange exchange = call.exchange;
    com.sun.net.httpserver.Headers headers = exchange.getResponseHeaders();
    ExactCaseHeaders.set(headers, "Request-ID", UUID.randomUUID().toString());
    ExactCaseHeaders.set(headers, SignatureHeaders.TIMESTAMP, h.timestamp());
    ExactCaseHeaders.set(headers, SignatureHeaders.NONCE, h.nonce());
    ExactCaseHeaders.set(headers, SignatureHeaders.SIGNATURE, h.signature());
    ExactCaseHeaders.set(headers, SignatureHeaders.SERIAL, h.serial());
    if (bytes.length > 0) {
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String sha1(BillToken token) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      if (token.content != null) {
        digest.update(token.content);
      } else {
        try (InputStream in = Files.newInputStream(token.file)) {
          byte[] buf = new byte[64 * 1024];
          for (int n; (n = in.read(buf)) > 0; ) {
            digest.update(buf, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant expiry() {
    return Instant.now().plus(DOWNLOAD_VALIDITY);
  }

  private static String segment(String raw) {
    String s = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    if (s.isEmpty() || s.contains("/")) {
      throw new BusinessError("PARAM_ERROR", "bad path parameter");
    }
    return s;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One request being answered. */
  private static final class Call {
    final HttpExchange exchange;
    final String method;
    final String path;
    final SandboxMerchant merchant;
    String reference = "";
    V3Keys.Signing signingOverride;

    Call(HttpExchange exchange, String method, String path, SandboxMerchant merchant) {
      this.exchange = exchange;
      this.method = method;
      this.path = path;
      this.merchant = merchant;
    }
  }

  private record BillToken(
      String mchId, byte[] content, Path file, boolean gzip, Instant expiresAt) {}

  /** v2's err_code in v3's words: HTTP status and code. */
  private record V3Code(int status, String code) {
    static V3Code of(String v2, boolean refund) {
      return switch (v2) {
        case "SYSTEMERROR" -> new V3Code(500, "SYSTEM_ERROR");
        case "ORDERPAID" -> new V3Code(400, "ORDERPAID");
        case "ORDERCLOSED" -> new V3Code(400, "ORDER_CLOSED");
        case "ORDERNOTEXIST" ->
            refund ? new V3Code(404, "RESOURCE_NOT_EXISTS") : new V3Code(404, "ORDER_NOT_EXIST");
        case "REFUNDNOTEXIST" -> new V3Code(404, "RESOURCE_NOT_EXISTS");
        case "OUT_TRADE_NO_USED" -> new V3Code(403, "OUT_TRADE_NO_USED");
        case "NOTENOUGH" -> new V3Code(403, "NOT_ENOUGH");
        case "USER_ACCOUNT_ABNORMAL" -> new V3Code(403, "USER_ACCOUNT_ABNORMAL");
        case "FREQUENCY_LIMITED" -> new V3Code(429, "FREQUENCY_LIMITED");
        case "APPID_MCHID_NOT_MATCH" -> new V3Code(400, "APPID_MCHID_NOT_MATCH");
        case "PARAM_ERROR" -> new V3Code(400, "PARAM_ERROR");
        default -> new V3Code(400, "INVALID_REQUEST");
      };
    }
  }
}
