package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.SubMerchant;
import io.paydesk.wechatpay.WeChatError;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.client.CallResult.NotSentReason;
import io.paydesk.wechatpay.client.CallResult.UnknownReason;
import io.paydesk.wechatpay.sign.JsapiPayParams;
import io.paydesk.wechatpay.sign.Nonce;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * WeChat Pay v2 over {@link HttpClient}: signs requests, verifies answers and reports each call as
 * a {@link CallResult}. TLS verification (chain and host name) is always on; {@code /secapi/*} goes
 * through a second client presenting the merchant's PKCS#12 certificate.
 *
 * <p>Retries are the caller's: after {@link CallResult.Unknown} or {@link CallResult.NotSent}, send
 * the same request again — same {@code out_trade_no}, same {@code out_refund_no}, same amounts. The
 * client never generates those numbers, so a retry cannot create a second order or refund.
 * Thread-safe; create one per merchant and keep it.
 *
 * <p><b>Service-provider (partner) mode.</b> Configure the client with the service provider's
 * {@link Merchant} and client certificate, then call {@link #forSubMerchant(SubMerchant)}: the
 * returned client shares the connections and sends {@code sub_mch_id} (and {@code sub_appid}) with
 * every request; signatures, answers and notifications use the service provider's key. The service
 * provider's own client downloads the bill of all its sub-merchants.
 */
public final class WeChatPayClient {
  private static final Logger LOG = Logger.getLogger(WeChatPayClient.class.getName());
  private static final String NO_BILL = "No Bill Exist";

  private final WeChatPayConfig config;
  private final Merchant merchant;
  private final Signer signer;
  private final WeChatXml xml;
  private final HttpClient http;
  private final HttpClient secapi;
  private final SubMerchant subMerchant;

  public WeChatPayClient(WeChatPayConfig config) {
    this.config = config;
    this.merchant = config.merchant();
    this.signer = new Signer(merchant.apiKey());
    this.xml = new WeChatXml();
    this.http = httpClient(TlsContexts.create(config.trust(), null));
    this.secapi =
        config.clientCertificate() == null
            ? null
            : httpClient(TlsContexts.create(config.trust(), config.clientCertificate()));
    this.subMerchant = null;
  }

  private WeChatPayClient(WeChatPayClient serviceProvider, SubMerchant subMerchant) {
    this.config = serviceProvider.config;
    this.merchant = serviceProvider.merchant;
    this.signer = serviceProvider.signer;
    this.xml = serviceProvider.xml;
    this.http = serviceProvider.http;
    this.secapi = serviceProvider.secapi;
    this.subMerchant = subMerchant;
  }

  /**
   * This client (configured with a service provider's merchant, key and certificate) acting for a
   * sub-merchant: the same calls, each carrying {@code sub_mch_id} (and {@code sub_appid} when set;
   * then {@link #unifiedOrder} sends the request's openid as {@code sub_openid}). Cheap: the
   * connections are shared.
   *
   * @throws IllegalStateException if this client already acts for a sub-merchant
   */
  public WeChatPayClient forSubMerchant(SubMerchant subMerchant) {
    java.util.Objects.requireNonNull(subMerchant, "subMerchant");
    if (this.subMerchant != null) {
      throw new IllegalStateException("already acting for a sub-merchant");
    }
    return new WeChatPayClient(this, subMerchant);
  }

  /**
   * The sub-merchant this client acts for, or null for a merchant's (or service provider's) own.
   */
  public SubMerchant subMerchant() {
    return subMerchant;
  }

  /**
   * {@code /pay/unifiedorder} for a JSAPI (mini-program) payment. For a sub-merchant with its own
   * app the request's openid is sent as {@code sub_openid}, otherwise as {@code openid}.
   */
  public CallResult<UnifiedOrderResponse> unifiedOrder(UnifiedOrderRequest request) {
    Map<String, String> fields = request.toFields();
    if (subMerchant != null && subMerchant.hasOwnApp()) {
      fields.put("sub_openid", fields.remove("openid"));
    }
    return call(
        "/pay/unifiedorder",
        fields,
        UnifiedOrderResponse::from,
        http,
        "outTradeNo=" + request.outTradeNo());
  }

  /** {@code /pay/orderquery} by out_trade_no. */
  public CallResult<OrderQueryResponse> queryOrder(String outTradeNo) {
    return call(
        "/pay/orderquery",
        Map.of("out_trade_no", outTradeNo),
        OrderQueryResponse::from,
        http,
        "outTradeNo=" + outTradeNo);
  }

  /** {@code /pay/closeorder}; ORDERPAID comes back as a business failure: query and mark paid. */
  public CallResult<CloseOrderResponse> closeOrder(String outTradeNo) {
    return call(
        "/pay/closeorder",
        Map.of("out_trade_no", outTradeNo),
        CloseOrderResponse::new,
        http,
        "outTradeNo=" + outTradeNo);
  }

  /**
   * {@code /secapi/pay/refund} with the client certificate. Success means "accepted".
   *
   * @throws IllegalStateException if the configuration has no client certificate
   */
  public CallResult<RefundResponse> refund(RefundRequest request) {
    if (secapi == null) {
      throw new IllegalStateException("refunds need a client certificate in the configuration");
    }
    return call(
        "/secapi/pay/refund",
        request.toFields(),
        RefundResponse::from,
        secapi,
        "outRefundNo=" + request.outRefundNo() + " outTradeNo=" + request.outTradeNo());
  }

  /** {@code /pay/refundquery} for one refund. */
  public CallResult<RefundQueryResponse> queryRefund(String outRefundNo) {
    return call(
        "/pay/refundquery",
        Map.of("out_refund_no", outRefundNo),
        RefundQueryResponse::from,
        http,
        "outRefundNo=" + outRefundNo);
  }

  /** {@code /pay/refundquery} for every refund of an order. */
  public CallResult<RefundQueryResponse> queryRefundsOfOrder(String outTradeNo) {
    return call(
        "/pay/refundquery",
        Map.of("out_trade_no", outTradeNo),
        RefundQueryResponse::from,
        http,
        "outTradeNo=" + outTradeNo);
  }

  /**
   * {@code /pay/downloadbill}: on success the bill streams from the connection (close the {@link
   * BillDownload}); "No Bill Exist" is an empty bill; any other XML answer is a {@link
   * CallResult.CommunicationFailure} with WeChat's return_msg and error_code.
   */
  public CallResult<BillDownload> downloadBill(LocalDate billDate, BillType type, boolean gzip) {
    Map<String, String> fields = new HashMap<>();
    fields.put("bill_date", BeijingTime.formatDate(billDate));
    fields.put("bill_type", type.name());
    if (gzip) {
      fields.put("tar_type", "GZIP");
    }
    String context =
        "billDate="
            + billDate
            + " billType="
            + type
            + (subMerchant == null ? "" : " subMchId=" + subMerchant.subMchId());
    Exchange exchange = send("/pay/downloadbill", fields, http, context);
    if (exchange.failure != null) {
      return cast(exchange.failure);
    }
    BufferedInputStream body = new BufferedInputStream(exchange.body, 8192);
    try {
      if (!looksLikeXml(body)) {
        return new CallResult.Success<>(BillDownload.of(body));
      }
      Map<String, String> answer;
      try (InputStream in = body) {
        answer = xml.parse(in);
      }
      if (NO_BILL.equals(answer.get("return_msg"))) {
        return new CallResult.Success<>(BillDownload.empty());
      }
      LOG.info(() -> "downloadbill refused " + context + " errorCode=" + answer.get("error_code"));
      return new CallResult.CommunicationFailure<>(answer.get("return_msg"), answer);
    } catch (WeChatPayException e) {
      closeQuietly(body);
      return unknown(UnknownReason.UNPARSEABLE, context, e);
    } catch (IOException e) {
      closeQuietly(body);
      return unknown(UnknownReason.CONNECTION_LOST, context, e);
    }
  }

  /**
   * The signed {@code wx.requestPayment} arguments for a prepay_id: {@code appId} is the appid the
   * buyer's openid belongs to — the sub-merchant's sub_appid when it has one, else this merchant's
   * (or service provider's) appid — and {@code paySign} is made with this merchant's (the service
   * provider's) API key.
   */
  public JsapiPayParams jsapiPayParams(String prepayId) {
    return signer.jsapiPayParams(payingAppId(), prepayId, merchant.signType(), Instant.now());
  }

  /** The appid {@code wx.requestPayment} runs under (see {@link #jsapiPayParams}). */
  public String payingAppId() {
    return subMerchant != null && subMerchant.hasOwnApp()
        ? subMerchant.subAppId()
        : merchant.appId();
  }

  public WeChatPayConfig config() {
    return config;
  }

  private <T> CallResult<T> call(
      String path,
      Map<String, String> fields,
      Function<Map<String, String>, T> mapper,
      HttpClient client,
      String context) {
    Exchange exchange = send(path, fields, client, context);
    if (exchange.failure != null) {
      return cast(exchange.failure);
    }
    Map<String, String> answer;
    try (InputStream in = exchange.body) {
      answer = xml.parse(in);
    } catch (WeChatPayException e) {
      return unknown(UnknownReason.UNPARSEABLE, context, e);
    } catch (IOException e) {
      return unknown(UnknownReason.CONNECTION_LOST, context, e);
    }
    if (!"SUCCESS".equals(answer.get("return_code"))) {
      LOG.warning(() -> "WeChat return_code FAIL " + path + " " + context);
      return new CallResult.CommunicationFailure<>(answer.get("return_msg"), answer);
    }
    try {
      signer.verify(answer, merchant.signType());
    } catch (WeChatPayException e) {
      return unknown(UnknownReason.BAD_SIGNATURE, context, e);
    }
    if (!"SUCCESS".equals(answer.get("result_code"))) {
      WeChatError error = WeChatError.of(answer.get("err_code"), answer.get("err_code_des"));
      LOG.info(
          () -> "WeChat business failure " + path + " " + context + " errCode=" + error.rawCode());
      return new CallResult.BusinessFailure<>(error, answer);
    }
    try {
      return new CallResult.Success<>(mapper.apply(answer));
    } catch (WeChatPayException e) {
      return unknown(UnknownReason.UNPARSEABLE, context, e);
    }
  }

  private Exchange send(
      String path, Map<String, String> fields, HttpClient client, String context) {
    Map<String, String> all = new HashMap<>(fields);
    all.put("appid", merchant.appId());
    all.put("mch_id", merchant.mchId());
    all.put("nonce_str", Nonce.generate());
    if (subMerchant != null) {
      all.put("sub_mch_id", subMerchant.subMchId());
      // downloadbill takes sub_mch_id only; every other partner call also names the sub_appid
      if (subMerchant.hasOwnApp() && !path.equals("/pay/downloadbill")) {
        all.put("sub_appid", subMerchant.subAppId());
      }
    }
    String body = WeChatXml.write(signer.signed(all, merchant.signType()));
    HttpRequest request =
        HttpRequest.newBuilder(resolve(path))
            .timeout(config.requestTimeout())
            .header("Content-Type", "text/xml; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Exchange.failed(unknown(UnknownReason.INTERRUPTED, context, e));
    } catch (IOException e) {
      return Exchange.failed(classify(e, path, context));
    }
    if (response.statusCode() != 200) {
      closeQuietly(response.body());
      return Exchange.failed(
          unknown(UnknownReason.HTTP_STATUS, context + " status=" + response.statusCode(), null));
    }
    return new Exchange(response.body(), null);
  }

  /** Connect-phase failures are NotSent; anything after the request may have left is Unknown. */
  private static CallResult<Object> classify(IOException e, String path, String context) {
    NotSentReason notSent = notSentReason(e);
    if (notSent != null) {
      LOG.warning(() -> "WeChat not reached " + path + " " + context + " reason=" + notSent);
      return new CallResult.NotSent<>(notSent, e.getClass().getSimpleName());
    }
    UnknownReason reason =
        e instanceof HttpTimeoutException ? UnknownReason.TIMEOUT : UnknownReason.CONNECTION_LOST;
    return unknown(reason, path + " " + context, e);
  }

  private static NotSentReason notSentReason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return NotSentReason.CONNECT_TIMEOUT;
      }
      if (t instanceof ConnectException) {
        return NotSentReason.CONNECT_FAILED;
      }
      if (t instanceof SSLHandshakeException) {
        return NotSentReason.TLS_HANDSHAKE_FAILED;
      }
    }
    return null;
  }

  private static <T> CallResult<T> unknown(UnknownReason reason, String context, Exception e) {
    LOG.log(
        Level.WARNING,
        "WeChat outcome unknown reason={0} {1} error={2}",
        new Object[] {reason, context, e == null ? "-" : e.getClass().getSimpleName()});
    return new CallResult.Unknown<>(reason, e == null ? context : e.getClass().getSimpleName());
  }

  @SuppressWarnings("unchecked")
  private static <T> CallResult<T> cast(CallResult<?> failure) {
    return (CallResult<T>) failure;
  }

  private URI resolve(String path) {
    String base = config.baseUrl().toString();
    return URI.create(base.endsWith("/") ? base + path.substring(1) : base + path);
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

  private static boolean looksLikeXml(BufferedInputStream in) throws IOException {
    in.mark(64);
    try {
      for (int i = 0; i < 64; i++) {
        int b = in.read();
        if (b < 0) {
          return false;
        }
        if (!Character.isWhitespace(b)) {
          return b == '<';
        }
      }
      return false;
    } finally {
      in.reset();
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing a response body failed", e);
    }
  }

  /** The body of a 200 answer, or the failure that prevented one. */
  private record Exchange(InputStream body, CallResult<Object> failure) {
    static Exchange failed(CallResult<?> failure) {
      return new Exchange(null, cast(failure));
    }
  }
}
