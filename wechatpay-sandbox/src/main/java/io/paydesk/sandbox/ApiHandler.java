package io.paydesk.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.sign.Nonce;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The WeChat Pay v2 endpoints: parses each request with the library's hardened {@link WeChatXml},
 * finds the merchant, verifies the signature with the library's {@link Signer} (the request's
 * {@code sign_type}, MD5 when absent), applies faults, hands the fields to the {@link Ledger} and
 * answers in WeChat's XML, signed with the merchant's key and the request's sign type.
 *
 * <p>{@code /secapi/*} additionally needs the merchant's client certificate: the TLS layer only
 * accepts chains issued by the sandbox CA, and this handler checks that the certificate's CN is the
 * request's mch_id. None or another merchant's: {@code return_code=FAIL}, {@code
 * return_msg=证书校验错误}.
 *
 * <p>A service provider (服务商) signs with its key and presents its certificate; each call names a
 * sub-merchant ({@code sub_mch_id}, optional for downloadbill) that must be bound to it, and a
 * {@code sub_appid} that must be that sub-merchant's. Refusals are WeChat's {@code
 * return_code=FAIL} messages: {@code 受理关系不存在} (a sub_mch_id the sandbox knows, bound elsewhere or a
 * direct merchant), {@code 商户号mch_id或sub_mch_id不存在}, {@code sub_mch_id与sub_appid不匹配}.
 */
final class ApiHandler implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
  private static final DateTimeFormatter BILL_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  private final Ledger ledger;
  private final Pki pki;
  private final Faults faults;
  private final CallLog log;
  private final Clock clock;
  private final WeChatXml xml = new WeChatXml();
  private final BillControls bills;

  ApiHandler(Ledger ledger, Pki pki, Faults faults, BillControls bills, CallLog log, Clock clock) {
    this.bills = bills;
    this.ledger = ledger;
    this.pki = pki;
    this.faults = faults;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try (exchange) {
      handle(exchange, path);
    } catch (IOException e) {
      LOG.info(() -> "API client went away path=" + path + " error=" + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "API call failed path=" + path, e);
    }
  }

  private void handle(HttpExchange exchange, String path) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      fail(exchange, path, null, "请使用post方法");
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(xml.maxBytes() + 1);
    }
    sleep(faults.latency().toMillis());
    if (faults.resetConnection()) {
      log.add("API", path, "-", "", "connection reset (fault)");
      return; // closing before any response header drops the connection
    }
    boolean secapi = path.startsWith("/secapi/");
    if (secapi && faults.secapiDown()) {
      log.add("API", path, "-", "", "HTTP 503 (fault: secapi down)");
      exchange.sendResponseHeaders(503, -1);
      return;
    }
    Map<String, String> req;
    try {
      req = xml.parse(body);
    } catch (WeChatPayException e) {
      fail(exchange, path, null, "XML格式错误");
      return;
    }
    String mchId = req.get("mch_id");
    SandboxMerchant merchant = ledger.merchant(mchId);
    if (mchId == null || mchId.isEmpty()) {
      fail(exchange, path, null, "缺少参数mch_id");
      return;
    }
    if (merchant == null) {
      fail(exchange, path, mchId, "mch_id不存在 (MCHID_NOT_EXIST)");
      return;
    }
    if (!merchant.hasApiV2()) {
      fail(exchange, path, mchId, "商户未开通APIv2 (a v3-only merchant in the sandbox)");
      return;
    }
    if (!merchant.appId().equals(req.get("appid"))) {
      fail(exchange, path, mchId, "appid和mch_id不匹配");
      return;
    }
    if (secapi && !mchId.equals(certificateMerchant(exchange))) {
      fail(exchange, path, mchId, "证书校验错误");
      return;
    }
    SignType signType;
    try {
      String declared = req.get("sign_type");
      signType =
          declared == null || declared.isEmpty() ? SignType.MD5 : SignType.fromWireName(declared);
    } catch (WeChatPayException e) {
      fail(exchange, path, mchId, "签名类型错误 (sign_type must be MD5 or HMAC-SHA256)");
      return;
    }
    Signer signer = new Signer(merchant.apiKey());
    if (!signer.isValid(req, signType)) {
      fail(exchange, path, mchId, "签名错误");
      return;
    }
    boolean bill = "/pay/downloadbill".equals(path);
    String refusal = subMerchantRefusal(merchant, req, bill);
    if (refusal != null) {
      fail(exchange, path, mchId, refusal);
      return;
    }
    if (bill) {
      downloadBill(exchange, merchant, req);
      return;
    }
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("return_code", "SUCCESS");
    answer.put("return_msg", "OK");
    answer.put("appid", merchant.appId());
    answer.put("mch_id", mchId);
    if (merchant.isServiceProvider()) {
      answer.put("sub_appid", emptyToNull(req.get("sub_appid")));
      answer.put("sub_mch_id", req.get("sub_mch_id"));
    }
    answer.put("nonce_str", Nonce.generate());
    String outcome;
    try {
      if (req.get("nonce_str") == null || req.get("nonce_str").isEmpty()) {
        throw new BusinessError("PARAM_ERROR", "缺少参数nonce_str");
      }
      if (faults.systemError()) {
        throw new BusinessError("SYSTEMERROR", "系统错误 (fault injected by the sandbox)");
      }
      Map<String, String> result = dispatch(path, merchant, req, signType);
      if (result == null) {
        fail(exchange, path, mchId, "接口不存在: " + path);
        return;
      }
      answer.put("result_code", "SUCCESS");
      answer.putAll(result);
      outcome = "SUCCESS";
    } catch (BusinessError e) {
      answer.put("result_code", "FAIL");
      answer.put("err_code", e.errCode());
      answer.put("err_code_des", e.description());
      outcome = "FAIL " + e.errCode();
    }
    answer.values().removeIf(v -> v == null);
    answer.put("sign", signer.sign(answer, signType));
    log.add("API", path, mchId, reference(req), outcome);
    send(exchange, 200, "text/xml; charset=UTF-8", WeChatXml.write(answer));
  }

  /**
   * Why a request's sub-merchant fields are refused, or null. A direct merchant names none; a
   * service provider names one bound to it (downloadbill: optionally), with its sub_appid if any.
   */
  private String subMerchantRefusal(SandboxMerchant m, Map<String, String> req, boolean bill) {
    String subMchId = emptyToNull(req.get("sub_mch_id"));
    String subAppId = emptyToNull(req.get("sub_appid"));
    if (!m.isServiceProvider()) {
      return subMchId == null && subAppId == null
          ? null
          : "受理关系不存在 (" + m.mchId() + " is not a service provider in the sandbox)";
    }
    if (subMchId == null) {
      return bill && subAppId == null ? null : "缺少参数sub_mch_id";
    }
    io.paydesk.wechatpay.SubMerchant bound = m.subMerchant(subMchId);
    if (bound == null) {
      return ledger.merchant(subMchId) != null || ledger.isBoundSubMerchant(subMchId)
          ? "受理关系不存在"
          : "商户号mch_id或sub_mch_id不存在";
    }
    if (subAppId != null && !subAppId.equals(bound.subAppId())) {
      return "sub_mch_id与sub_appid不匹配";
    }
    return null;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private Map<String, String> dispatch(
      String path, SandboxMerchant m, Map<String, String> req, SignType signType) {
    return switch (path) {
      case "/pay/unifiedorder" -> ledger.unifiedOrder(m, req, signType);
      case "/pay/orderquery" -> ledger.queryOrder(m, req);
      case "/pay/closeorder" -> ledger.closeOrder(m, req);
      case "/secapi/pay/refund" -> ledger.refund(m, req);
      case "/pay/refundquery" -> ledger.queryRefund(m, req);
      default -> null;
    };
  }

  private void downloadBill(HttpExchange exchange, SandboxMerchant m, Map<String, String> req)
      throws IOException {
    String path = "/pay/downloadbill";
    String dateText = req.get("bill_date");
    LocalDate date;
    try {
      date = LocalDate.parse(dateText == null ? "" : dateText, BILL_DATE);
    } catch (DateTimeParseException e) {
      billError(exchange, m, "invalid bill_date", "20001");
      return;
    }
    LocalDate today = Ledger.beijingDate(clock.instant());
    if (date.isAfter(today) || date.isBefore(today.minusMonths(3))) {
      billError(exchange, m, "invalid bill_date", "20001");
      return;
    }
    String type = req.getOrDefault("bill_type", "ALL");
    Predicate<Bills.Line> filter = Bills.filter(type.isEmpty() ? "ALL" : type);
    if (filter == null) {
      billError(exchange, m, "invalid bill_type", "20001");
      return;
    }
    String tar = req.get("tar_type");
    if (tar != null && !tar.isEmpty() && !"GZIP".equals(tar)) {
      billError(exchange, m, "invalid tar_type", "20001");
      return;
    }
    boolean gzip = "GZIP".equals(tar);
    if (bills.isNotReady(date)) {
      billError(exchange, m, BillControls.NOT_READY_MESSAGE, BillControls.NOT_READY_CODE);
      return;
    }
    java.nio.file.Path file = bills.file(date);
    if (file != null) {
      sendBillFile(exchange, m, dateText, file, gzip);
      return;
    }
    List<Bills.Line> lines =
        ledger.billLines(m.mchId(), emptyToNull(req.get("sub_mch_id")), date).stream()
            .map(bills::apply)
            .filter(java.util.Objects::nonNull)
            .filter(filter)
            .toList();
    if (lines.isEmpty()) {
      billError(exchange, m, "No Bill Exist", "20002");
      return;
    }
    log.add(
        "API",
        path,
        m.mchId(),
        "billDate=" + dateText + " billType=" + type,
        "SUCCESS lines=" + lines.size());
    exchange
        .getResponseHeaders()
        .set("Content-Type", gzip ? "application/x-gzip" : "text/plain; charset=UTF-8");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out =
        gzip ? new GZIPOutputStream(exchange.getResponseBody()) : exchange.getResponseBody()) {
      Bills.write(lines, bills.summaryOffset(), out);
    }
  }

  private void sendBillFile(
      HttpExchange exchange,
      SandboxMerchant m,
      String dateText,
      java.nio.file.Path file,
      boolean gzip)
      throws IOException {
    log.add("API", "/pay/downloadbill", m.mchId(), "billDate=" + dateText, "SUCCESS file");
    exchange
        .getResponseHeaders()
        .set("Content-Type", gzip ? "application/x-gzip" : "text/plain; charset=UTF-8");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out =
        gzip
            ? new GZIPOutputStream(exchange.getResponseBody(), 64 * 1024)
            : exchange.getResponseBody()) {
      java.nio.file.Files.copy(file, out);
    }
  }

  private void billError(HttpExchange exchange, SandboxMerchant m, String msg, String code)
      throws IOException {
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("return_code", "FAIL");
    answer.put("return_msg", msg);
    answer.put("error_code", code);
    log.add("API", "/pay/downloadbill", m.mchId(), "", "FAIL " + msg);
    send(exchange, 200, "text/xml; charset=UTF-8", WeChatXml.write(answer));
  }

  private String certificateMerchant(HttpExchange exchange) {
    if (!(exchange instanceof HttpsExchange https)) {
      return null;
    }
    try {
      Certificate[] chain = https.getSSLSession().getPeerCertificates();
      return pki.merchantOf(chain);
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  private void fail(HttpExchange exchange, String path, String mchId, String msg)
      throws IOException {
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("return_code", "FAIL");
    answer.put("return_msg", msg);
    log.add("API", path, mchId == null ? "-" : mchId, "", "RETURN_FAIL " + msg);
    send(exchange, 200, "text/xml; charset=UTF-8", WeChatXml.write(answer));
  }

  private static String reference(Map<String, String> req) {
    StringBuilder sb = new StringBuilder();
    String subMchId = req.get("sub_mch_id");
    if (subMchId != null && !subMchId.isEmpty()) {
      sb.append("subMchId=").append(subMchId);
    }
    String outTradeNo = req.get("out_trade_no");
    if (outTradeNo != null) {
      sb.append(sb.length() > 0 ? " " : "").append("outTradeNo=").append(outTradeNo);
    }
    String outRefundNo = req.get("out_refund_no");
    if (outRefundNo != null) {
      sb.append(sb.length() > 0 ? " " : "").append("outRefundNo=").append(outRefundNo);
    }
    return sb.toString();
  }

  static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
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
}
