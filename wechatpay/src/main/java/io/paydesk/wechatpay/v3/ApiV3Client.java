package io.paydesk.wechatpay.v3;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.client.BillType;
import io.paydesk.wechatpay.client.CallResult.NotSentReason;
import io.paydesk.wechatpay.client.CallResult.UnknownReason;
import io.paydesk.wechatpay.client.TlsContexts;
import io.paydesk.wechatpay.sign.Nonce;
import io.paydesk.wechatpay.v3.crypto.Authorization;
import io.paydesk.wechatpay.v3.crypto.PlatformCertificates;
import io.paydesk.wechatpay.v3.crypto.PublicKeyVerifier;
import io.paydesk.wechatpay.v3.crypto.RsaSigner;
import io.paydesk.wechatpay.v3.crypto.SignatureCheck;
import io.paydesk.wechatpay.v3.crypto.SignatureHeaders;
import io.paydesk.wechatpay.v3.crypto.WeChatPayVerifier;
import io.paydesk.wechatpay.v3.json.Json;
import io.paydesk.wechatpay.v3.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * WeChat Pay API v3 over {@link HttpClient}: JSON requests signed with the merchant's RSA key
 * ({@code WECHATPAY2-SHA256-RSA2048}), every answer's {@code Wechatpay-Signature} verified (public
 * key or platform certificates, 5-minute skew limit) before it is believed, each call reported as
 * an {@link ApiV3Result}. TLS verification is always on. Thread-safe; one per merchant.
 *
 * <p>Retries are the caller's, as with v2: after {@link ApiV3Result.Unknown} or {@link
 * ApiV3Result.NotSent}, send the same request again (same out_trade_no / out_refund_no and
 * amounts).
 */
public final class ApiV3Client {
  private static final Logger LOG = Logger.getLogger(ApiV3Client.class.getName());
  private static final String USER_AGENT = "PayDesk-wechatpay/v3 Java/" + Runtime.version();

  private final ApiV3Config config;
  private final ApiV3Merchant merchant;
  private final RsaSigner signer;
  private final WeChatPayVerifier verifier;
  private final SignatureCheck check;
  private final Json json = new Json();
  private final HttpClient http;

  public ApiV3Client(ApiV3Config config) {
    this.config = config;
    this.merchant = config.merchant();
    this.signer = new RsaSigner(merchant.privateKey());
    this.verifier = verifier(config);
    this.check = new SignatureCheck(verifier, config.clock(), SignatureCheck.DEFAULT_MAX_SKEW);
    this.http = httpClient(TlsContexts.create(config.trust(), null));
    if (verifier instanceof PlatformCertificates certificates) {
      certificates.refresher(this::refreshCertificates);
    }
  }

  /** The check of WeChat's signatures this client uses; notifications share it. */
  public SignatureCheck signatureCheck() {
    return check;
  }

  public ApiV3Config config() {
    return config;
  }

  /** {@code POST /v3/pay/transactions/jsapi}. */
  public ApiV3Result<Prepay> jsapiPrepay(JsapiPrepayRequest request) {
    return call(
        "POST",
        "/v3/pay/transactions/jsapi",
        Json.write(request.toJson(merchant)),
        j -> new Prepay(j.string("prepay_id")),
        "outTradeNo=" + request.outTradeNo());
  }

  /** The signed {@code wx.requestPayment} arguments for a prepay_id (signType RSA). */
  public RequestPayment requestPayment(String prepayId) {
    return RequestPayment.sign(
        signer,
        merchant.appId(),
        prepayId,
        config.clock().instant().getEpochSecond(),
        Nonce.generate());
  }

  /** {@code GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=…}. */
  public ApiV3Result<Transaction> queryByOutTradeNo(String outTradeNo) {
    return call(
        "GET",
        "/v3/pay/transactions/out-trade-no/"
            + path(outTradeNo)
            + "?mchid="
            + query(merchant.mchId()),
        null,
        Transaction::from,
        "outTradeNo=" + outTradeNo);
  }

  /** {@code POST …/out-trade-no/{out_trade_no}/close}: 204 on success. */
  public ApiV3Result<String> close(String outTradeNo) {
    return call(
        "POST",
        "/v3/pay/transactions/out-trade-no/" + path(outTradeNo) + "/close",
        Json.write(Map.of("mchid", merchant.mchId())),
        j -> outTradeNo,
        "outTradeNo=" + outTradeNo);
  }

  /** {@code POST /v3/refund/domestic/refunds}: success means accepted (usually PROCESSING). */
  public ApiV3Result<DomesticRefund> refund(DomesticRefundRequest request) {
    return call(
        "POST",
        "/v3/refund/domestic/refunds",
        Json.write(request.toJson()),
        DomesticRefund::from,
        "outRefundNo=" + request.outRefundNo() + " outTradeNo=" + request.outTradeNo());
  }

  /** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}. */
  public ApiV3Result<DomesticRefund> queryRefund(String outRefundNo) {
    return call(
        "GET",
        "/v3/refund/domestic/refunds/" + path(outRefundNo),
        null,
        DomesticRefund::from,
        "outRefundNo=" + outRefundNo);
  }

  /**
   * {@code GET /v3/bill/tradebill}: the download link and hash. A day without a bill is refused
   * with {@code NO_STATEMENT_EXIST}; a bill not made yet with {@code STATEMENT_CREATING}.
   *
   * @param type ALL, SUCCESS or REFUND (RECHARGE_REFUND is v2 only)
   */
  public ApiV3Result<TradeBill> tradeBill(LocalDate billDate, BillType type, boolean gzip) {
    if (type == BillType.RECHARGE_REFUND) {
      throw new IllegalArgumentException("API v3 trade bills are ALL, SUCCESS or REFUND");
    }
    String q =
        "?bill_date="
            + BeijingTime.formatIsoDate(billDate)
            + "&bill_type="
            + type.name()
            + (gzip ? "&tar_type=GZIP" : "");
    return call(
        "GET",
        "/v3/bill/tradebill" + q,
        null,
        TradeBill::from,
        "billDate=" + billDate + " billType=" + type);
  }

  /**
   * Downloads a bill from its {@code download_url} (signed like any request; the file itself is not
   * signed, its hash is checked as it is read). The link must point at the configured host.
   */
  public ApiV3Result<BillFile> downloadBill(TradeBill bill, boolean gzip) {
    URI url = URI.create(bill.downloadUrl());
    URI base = config.baseUrl();
    String context = "billDownload";
    if (!"https".equals(url.getScheme())
        || !base.getHost().equalsIgnoreCase(url.getHost())
        || base.getPort() != url.getPort()) {
      // never send our Authorization anywhere but WeChat
      return new ApiV3Result.Unknown<>(UnknownReason.UNPARSEABLE, "download_url on another host");
    }
    String pathAndQuery =
        url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    Exchange exchange = send("GET", pathAndQuery, null, context);
    if (exchange.failure != null) {
      return cast(exchange.failure);
    }
    if (exchange.status != 200) {
      byte[] body = readAll(exchange, context);
      return body == null ? cast(exchange.failure) : refusedOrUnknown(exchange, body, context);
    }
    try {
      InputStream content = gzip ? new GZIPInputStream(exchange.body, 64 * 1024) : exchange.body;
      return new ApiV3Result.Success<>(new BillFile(content, bill.hashType(), bill.hashValue()));
    } catch (IOException e) {
      closeQuietly(exchange.body);
      return unknown(UnknownReason.UNPARSEABLE, context, e);
    }
  }

  /**
   * {@code GET /v3/certificates}: downloads, decrypts and checks the platform certificates and adds
   * them to the cache (platform certificate mode only).
   */
  public ApiV3Result<List<X509Certificate>> downloadCertificates() {
    if (!(verifier instanceof PlatformCertificates certificates)) {
      throw new IllegalStateException("the client verifies with the WeChat Pay public key");
    }
    String context = "certificates";
    Exchange exchange = send("GET", "/v3/certificates", null, context);
    if (exchange.failure != null) {
      return cast(exchange.failure);
    }
    byte[] body = readAll(exchange, context);
    if (body == null) {
      return cast(exchange.failure);
    }
    if (exchange.status != 200) {
      return refusedOrUnknown(exchange, body, context);
    }
    try {
      JsonObject answer = json.parseObject(body);
      return new ApiV3Result.Success<>(certificates.accept(answer, exchange.headers, body));
    } catch (WeChatPayException e) {
      return unknown(UnknownReason.BAD_SIGNATURE, context, e);
    }
  }

  private void refreshCertificates() {
    ApiV3Result<List<X509Certificate>> result = downloadCertificates();
    if (result.kind() != ApiV3Result.Kind.SUCCESS) {
      LOG.warning(() -> "platform certificates not refreshed result=" + result.kind());
    }
  }

  // ---------------------------------------------------------------------------------------

  private <T> ApiV3Result<T> call(
      String method,
      String pathAndQuery,
      String body,
      Function<JsonObject, T> mapper,
      String context) {
    Exchange exchange = send(method, pathAndQuery, body, context);
    if (exchange.failure != null) {
      return cast(exchange.failure);
    }
    byte[] answer = readAll(exchange, context);
    if (answer == null) {
      return cast(exchange.failure);
    }
    if (exchange.status >= 300) {
      return refusedOrUnknown(exchange, answer, context);
    }
    try {
      check.check(exchange.headers, answer);
    } catch (WeChatPayException e) {
      return unknown(UnknownReason.BAD_SIGNATURE, context + " check=" + e.code(), e);
    }
    try {
      JsonObject j = answer.length == 0 ? json.parseObject("{}") : json.parseObject(answer);
      return new ApiV3Result.Success<>(mapper.apply(j));
    } catch (WeChatPayException e) {
      return unknown(UnknownReason.UNPARSEABLE, context, e);
    }
  }

  /** 4xx: a verified {code, message} is a refusal; 5xx and anything unverifiable is unknown. */
  private <T> ApiV3Result<T> refusedOrUnknown(Exchange exchange, byte[] body, String context) {
    int status = exchange.status;
    String code = null;
    String message = null;
    try {
      JsonObject j = json.parseObject(body);
      code = j.optString("code");
      message = j.optString("message");
    } catch (WeChatPayException e) {
      LOG.log(Level.FINE, "error body not JSON " + context, e);
    }
    if (status >= 500 || status < 400) {
      return unknown(
          UnknownReason.HTTP_STATUS, context + " status=" + status + " code=" + code, null);
    }
    try {
      check.check(exchange.headers, body);
    } catch (WeChatPayException e) {
      return unknown(
          UnknownReason.BAD_SIGNATURE, context + " status=" + status + " check=" + e.code(), e);
    }
    ApiV3Error error = new ApiV3Error(status, code, message);
    LOG.info(() -> "WeChat v3 refused " + context + " status=" + status + " code=" + error.code());
    return new ApiV3Result.Refused<>(error);
  }

  private Exchange send(String method, String pathAndQuery, String body, String context) {
    long timestamp = config.clock().instant().getEpochSecond();
    Authorization authorization =
        Authorization.sign(
            signer,
            merchant.mchId(),
            merchant.certificateSerial(),
            method,
            pathAndQuery,
            body == null ? "" : body,
            timestamp,
            Nonce.generate());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(resolve(pathAndQuery))
            .timeout(config.requestTimeout())
            .header("Authorization", authorization.header())
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT);
    if (body == null) {
      builder.GET();
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Exchange.failed(unknown(UnknownReason.INTERRUPTED, context, e));
    } catch (IOException e) {
      return Exchange.failed(classify(e, pathAndQuery, context));
    }
    SignatureHeaders headers =
        SignatureHeaders.from(name -> response.headers().firstValue(name).orElse(null));
    return new Exchange(response.statusCode(), headers, response.body(), null);
  }

  /** Reads a whole (JSON) answer, capped; null with exchange.failure set if that fails. */
  private byte[] readAll(Exchange exchange, String context) {
    try (InputStream in = exchange.body) {
      byte[] bytes = in.readNBytes(json.maxBytes() + 1);
      if (bytes.length > json.maxBytes()) {
        exchange.failure = unknown(UnknownReason.UNPARSEABLE, context + " answer too large", null);
        return null;
      }
      return bytes;
    } catch (IOException e) {
      exchange.failure = unknown(UnknownReason.CONNECTION_LOST, context, e);
      return null;
    }
  }

  private static ApiV3Result<Object> classify(IOException e, String path, String context) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      NotSentReason reason = null;
      if (t instanceof HttpConnectTimeoutException) {
        reason = NotSentReason.CONNECT_TIMEOUT;
      } else if (t instanceof ConnectException) {
        reason = NotSentReason.CONNECT_FAILED;
      } else if (t instanceof SSLHandshakeException) {
        reason = NotSentReason.TLS_HANDSHAKE_FAILED;
      }
      if (reason != null) {
        NotSentReason r = reason;
        LOG.warning(() -> "WeChat v3 not reached " + path + " " + context + " reason=" + r);
        return new ApiV3Result.NotSent<>(reason, e.getClass().getSimpleName());
      }
    }
    UnknownReason reason =
        e instanceof HttpTimeoutException ? UnknownReason.TIMEOUT : UnknownReason.CONNECTION_LOST;
    return unknown(reason, path + " " + context, e);
  }

  private static <T> ApiV3Result<T> unknown(UnknownReason reason, String context, Exception e) {
    LOG.log(
        Level.WARNING,
        "WeChat v3 outcome unknown reason={0} {1} error={2}",
        new Object[] {reason, context, e == null ? "-" : e.getClass().getSimpleName()});
    return new ApiV3Result.Unknown<>(reason, e == null ? context : e.getClass().getSimpleName());
  }

  @SuppressWarnings("unchecked")
  private static <T> ApiV3Result<T> cast(ApiV3Result<?> failure) {
    return (ApiV3Result<T>) failure;
  }

  private URI resolve(String pathAndQuery) {
    String base = config.baseUrl().toString();
    return URI.create(base.endsWith("/") ? base + pathAndQuery.substring(1) : base + pathAndQuery);
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static WeChatPayVerifier verifier(ApiV3Config config) {
    Verification v = config.verification();
    if (v instanceof Verification.WeChatPayPublicKey p) {
      return new PublicKeyVerifier(p.publicKeyId(), p.key());
    }
    Verification.PlatformCertificateMode c = (Verification.PlatformCertificateMode) v;
    return new PlatformCertificates(config.merchant().apiV3Key(), config.clock(), c.issuer());
  }

  private HttpClient httpClient(SSLContext context) {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return HttpClient.newBuilder()
        .sslContext(context)
        .sslParameters(parameters)
        .connectTimeout(config.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing a response body failed", e);
    }
  }

  /** One HTTP exchange: status, signature headers and body, or the failure that prevented it. */
  private static final class Exchange {
    final int status;
    final SignatureHeaders headers;
    final InputStream body;
    ApiV3Result<Object> failure;

    Exchange(int status, SignatureHeaders headers, InputStream body, ApiV3Result<Object> failure) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.failure = failure;
    }

    static Exchange failed(ApiV3Result<?> failure) {
      return new Exchange(0, null, null, cast(failure));
    }
  }
}
