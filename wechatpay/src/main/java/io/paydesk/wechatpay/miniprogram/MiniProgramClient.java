package io.paydesk.wechatpay.miniprogram;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.client.TlsContexts;
import io.paydesk.wechatpay.v3.json.Json;
import io.paydesk.wechatpay.v3.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * WeChat's mini-program server API over {@link HttpClient}: the stable access token ({@code
 * /cgi-bin/stable_token}), the shipping-information upload ({@code
 * /wxa/sec/order/upload_shipping_info}) and its query ({@code /wxa/sec/order/get_order}). JSON in
 * and out, TLS verification always on. Thread-safe; one per mini-program.
 *
 * <p>The access token is cached and renewed {@link MiniProgramConfig#renewBefore()} ahead of its
 * expiry; an answer that says it is invalid or expired (40001, 42001) drops it, and the call is
 * made once more with a fresh one. The AppSecret and the token never appear in a log line: the
 * token travels in the query string, which nothing here logs.
 */
public final class MiniProgramClient {
  private static final Logger LOG = Logger.getLogger(MiniProgramClient.class.getName());
  private static final int MAX_ANSWER = 256 * 1024;

  private final MiniProgramConfig config;
  private final HttpClient http;
  private final Json json = new Json(MAX_ANSWER);
  private final Object tokenLock = new Object();
  private volatile AccessToken token;

  public MiniProgramClient(MiniProgramConfig config) {
    this.config = config;
    SSLContext context = TlsContexts.create(config.trust(), null);
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    this.http =
        HttpClient.newBuilder()
            .sslContext(context)
            .sslParameters(parameters)
            .connectTimeout(config.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public MiniProgramConfig config() {
    return config;
  }

  /**
   * {@code POST /cgi-bin/stable_token}: a token for the appid and AppSecret. With {@code
   * forceRefresh} WeChat ends the current token and hands out a new one (use sparingly: WeChat
   * limits forced refreshes).
   */
  public MiniProgramResult<AccessToken> stableToken(boolean forceRefresh) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("grant_type", "client_credential");
    body.put("appid", config.appId());
    body.put("secret", config.appSecret().reveal());
    body.put("force_refresh", forceRefresh);
    Instant asked = config.clock().instant();
    return post(
        "/cgi-bin/stable_token",
        Json.write(body),
        "stable_token appid=" + config.appId(),
        answer ->
            new AccessToken(
                Secret.of(answer.string("access_token")),
                asked.plusSeconds(answer.longValue("expires_in"))));
  }

  /**
   * The cached access token, or a new one when there is none or it is due for renewal. Answers what
   * {@link #stableToken} answered when a new one could not be had.
   */
  public MiniProgramResult<AccessToken> accessToken() {
    AccessToken current = token;
    if (current != null && !current.dueForRenewal(config.clock().instant(), config.renewBefore())) {
      return new MiniProgramResult.Success<>(current);
    }
    synchronized (tokenLock) {
      current = token;
      if (current != null
          && !current.dueForRenewal(config.clock().instant(), config.renewBefore())) {
        return new MiniProgramResult.Success<>(current);
      }
      MiniProgramResult<AccessToken> fresh = stableToken(false);
      if (fresh instanceof MiniProgramResult.Success<AccessToken> success) {
        token = success.value();
        LOG.info(
            () ->
                "mini-program access token renewed appid="
                    + config.appId()
                    + " expiresAt="
                    + success.value().expiresAt());
      }
      return fresh;
    }
  }

  /** Drops the cached token (WeChat said it is invalid or expired). */
  public void forgetToken(AccessToken stale) {
    synchronized (tokenLock) {
      if (token == stale) {
        token = null;
      }
    }
  }

  /** {@code POST /wxa/sec/order/upload_shipping_info}: records a payment's shipment at WeChat. */
  public MiniProgramResult<Void> uploadShippingInfo(ShippingInfo info) {
    String body = Json.write(info.toJson());
    return withToken(
        "/wxa/sec/order/upload_shipping_info",
        body,
        "upload_shipping_info key=" + describe(info.orderKey()),
        answer -> null);
  }

  /** {@code POST /wxa/sec/order/get_order}: how WeChat's shipping service sees a payment. */
  public MiniProgramResult<ShippingState> getOrder(OrderKey key) {
    return withToken(
        "/wxa/sec/order/get_order",
        Json.write(key.toQueryJson()),
        "get_order key=" + describe(key),
        ShippingState::of);
  }

  // ---------------------------------------------------------------------------------------

  private <T> MiniProgramResult<T> withToken(
      String path, String body, String context, Function<JsonObject, T> mapper) {
    MiniProgramResult<T> result = null;
    for (int round = 0; round < 2; round++) {
      MiniProgramResult<AccessToken> current = accessToken();
      if (!(current instanceof MiniProgramResult.Success<AccessToken> success)) {
        return cast(current);
      }
      AccessToken used = success.value();
      result = post(path + "?access_token=" + encode(used.token().reveal()), body, context, mapper);
      if (result instanceof MiniProgramResult.Refused<T> refused
          && MiniProgramErrors.aboutToken(refused.errcode())) {
        LOG.info(
            () -> "mini-program access token refused errcode=" + refused.errcode() + " " + context);
        forgetToken(used);
        continue;
      }
      return result;
    }
    return result;
  }

  private <T> MiniProgramResult<T> post(
      String pathAndQuery, String body, String context, Function<JsonObject, T> mapper) {
    HttpRequest request =
        HttpRequest.newBuilder(resolve(pathAndQuery))
            .timeout(config.readTimeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      return new MiniProgramResult.NotSent<>("connect timeout " + context);
    } catch (HttpTimeoutException e) {
      return new MiniProgramResult.Unknown<>("timeout " + context);
    } catch (ConnectException e) {
      return new MiniProgramResult.NotSent<>("connection refused " + context);
    } catch (SSLHandshakeException e) {
      return new MiniProgramResult.NotSent<>("TLS handshake failed " + context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new MiniProgramResult.Unknown<>("interrupted " + context);
    } catch (IOException e) {
      return new MiniProgramResult.Unknown<>(
          "connection lost " + context + " (" + e.getClass().getSimpleName() + ")");
    }
    if (response.statusCode() != 200) {
      return new MiniProgramResult.Unknown<>("HTTP " + response.statusCode() + " " + context);
    }
    JsonObject answer;
    try {
      answer = json.parseObject(response.body());
    } catch (WeChatPayException e) {
      return new MiniProgramResult.Unknown<>("answer not JSON " + context);
    }
    try {
      Long errcode = answer.optLong("errcode");
      if (errcode != null && errcode != 0) {
        String errmsg = answer.optString("errmsg");
        return new MiniProgramResult.Refused<>(errcode.intValue(), errmsg == null ? "" : errmsg);
      }
      return new MiniProgramResult.Success<>(mapper.apply(answer));
    } catch (WeChatPayException e) {
      return new MiniProgramResult.Unknown<>("answer not understood " + context);
    }
  }

  private URI resolve(String pathAndQuery) {
    String base = config.baseUrl().toString();
    return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        .resolve(pathAndQuery);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String describe(OrderKey key) {
    return key.transactionId() != null
        ? "transactionId=" + key.transactionId()
        : "outTradeNo=" + key.outTradeNo();
  }

  @SuppressWarnings("unchecked")
  private static <T> MiniProgramResult<T> cast(MiniProgramResult<?> failure) {
    return (MiniProgramResult<T>) failure;
  }
}
