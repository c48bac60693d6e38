package io.paydesk.gateway.boundary;

import io.paydesk.gateway.control.ApiV3Calls;
import io.paydesk.gateway.entity.OrderClosing;
import io.paydesk.gateway.entity.PaymentCheck;
import io.paydesk.gateway.entity.PaymentNotice;
import io.paydesk.gateway.entity.Prepay;
import io.paydesk.gateway.entity.PrepayRequest;
import io.paydesk.gateway.entity.RefundFinding;
import io.paydesk.gateway.entity.RefundNotice;
import io.paydesk.gateway.entity.RefundOrder;
import io.paydesk.gateway.entity.RefundSubmission;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.ClientCertificate;
import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.RefundResponse;
import io.paydesk.wechatpay.client.TrustConfig;
import io.paydesk.wechatpay.client.UnifiedOrderRequest;
import io.paydesk.wechatpay.client.UnifiedOrderResponse;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.client.WeChatPayConfig;
import io.paydesk.wechatpay.notify.NotificationDecoder;
import io.paydesk.wechatpay.notify.NotifyAnswer;
import io.paydesk.wechatpay.notify.PaymentNotification;
import io.paydesk.wechatpay.notify.RefundNotification;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.v3.notify.ApiV3NotificationDecoder;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * PayDesk's merchant at WeChat Pay: the calls PayDesk makes for payments and refunds, and the
 * notifications WeChat sends back, each answered in PayDesk's terms (the sealed types of {@code
 * io.paydesk.gateway.entity}, made by {@link WeChatOutcomes}). No other component sees the protocol
 * library's results or codes. Calls are made outside any transaction.
 *
 * <p>The merchant comes from configuration ({@code paydesk.wechat.*}), read on first use, so
 * PayDesk starts without a merchant configured and says so when a payment needs one.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: only the payment and refund boundaries call it, in-process, after their own checks.
@PermitAll
public class WeChatPayGateway {

  private static final Logger LOG = Logger.getLogger(WeChatPayGateway.class.getName());

  /** How long a certificate that could not be loaded is left before it is tried again. */
  static final Duration CERTIFICATE_RETRY = Duration.ofSeconds(30);

  private volatile Setup setup;
  private volatile Optional<ApiV3Calls> apiV3;
  private volatile Instant certificateRetryAt = Instant.MAX;

  static final String CERTIFICATE_MISSING =
      "not sent: no client certificate configured (paydesk.wechat.cert-path, the merchant's"
          + " apiclient_cert.p12); sent with the same out_refund_no once it is set";

  /**
   * Everything built from one reading of the configuration. {@code certificateProblem} says why the
   * merchant's client certificate could not be loaded (the client then has none: payments work,
   * refunds wait); null when it is loaded or none is configured.
   */
  record Setup(
      WeChatPayClient client,
      NotificationDecoder decoder,
      Merchant merchant,
      Urls urls,
      String certificateProblem) {}

  /** Where WeChat sends notifications, and the buyer IP used when the shop gives none. */
  record Urls(String payNotify, String refundNotify, String fallbackClientIp) {}

  // ---- payments

  /**
   * Asks WeChat for a prepay_id (unified order, JSAPI). Unknown outcomes are {@link
   * Prepay.Unavailable}: retry with the same out_trade_no.
   */
  public Prepay prepay(PrepayRequest request) {
    if (apiV3() != null) {
      return apiV3().prepay(request);
    }
    Setup setup = setup();
    CallResult<UnifiedOrderResponse> result =
        setup
            .client()
            .unifiedOrder(
                new UnifiedOrderRequest(
                    request.outTradeNo(),
                    request.description(),
                    request.amount(),
                    request.clientIp(),
                    setup.urls().payNotify(),
                    request.openid(),
                    request.createdAt(),
                    request.expiresAt(),
                    null));
    if (result.kind() == CallResult.Kind.NOT_SENT || result.kind() == CallResult.Kind.UNKNOWN) {
      LOG.warning(
          () -> "unified order outcome unknown outTradeNo=" + request.outTradeNo() + " " + result);
    }
    return WeChatOutcomes.prepay(result);
  }

  /** The signed {@code wx.requestPayment} parameters for a prepay_id. */
  public Map<String, String> requestPayment(String prepayId) {
    if (apiV3() != null) {
      return apiV3().requestPayment(prepayId);
    }
    return client().jsapiPayParams(prepayId).toMap();
  }

  /** The buyer's IP as the shop saw it, or the configured one when the shop gave none. */
  public String clientIp(String fromShop) {
    if (apiV3() != null) {
      return fromShop != null && !fromShop.isBlank()
          ? fromShop
          : apiV3().settings().fallbackClientIp();
    }
    return fromShop != null && !fromShop.isBlank() ? fromShop : setup().urls().fallbackClientIp();
  }

  /** Asks WeChat how a payment attempt stands (order query). */
  public PaymentCheck checkPayment(String outTradeNo) {
    if (apiV3() != null) {
      return apiV3().checkPayment(outTradeNo);
    }
    return WeChatOutcomes.payment(client().queryOrder(outTradeNo), Instant.now());
  }

  /** Asks WeChat to close an out_trade_no so that it can no longer be paid (closeorder). */
  public OrderClosing closeOrder(String outTradeNo) {
    if (apiV3() != null) {
      return apiV3().closeOrder(outTradeNo);
    }
    return WeChatOutcomes.closing(client().closeOrder(outTradeNo));
  }

  /** Decodes and verifies a payment notification's raw body. */
  public PaymentNotice decodePayment(byte[] body) {
    PaymentNotification notification;
    try {
      notification = setup().decoder().decodePayment(body);
    } catch (WeChatPayException e) {
      return new PaymentNotice.Rejected(e.code().name(), e.getMessage());
    }
    return WeChatOutcomes.notice(notification, Instant.now());
  }

  /**
   * Decodes, verifies and decrypts an API v3 payment notification ({@code header} looks the {@code
   * Wechatpay-*} headers up by name). Rejected when the merchant does not use v3.
   */
  public PaymentNotice decodePaymentV3(Function<String, String> header, byte[] body) {
    ApiV3Calls v3 = apiV3();
    return v3 == null
        ? new PaymentNotice.Rejected("NOT_API_V3", "this merchant does not use API v3")
        : v3.decodePayment(header, body);
  }

  // ---- refunds

  /**
   * Sends a refund to WeChat ({@code /secapi/pay/refund}) with the merchant's client certificate,
   * from the available balance when the order says so. Nothing is sent without a certificate.
   */
  public RefundSubmission submitRefund(RefundOrder order) {
    String outRefundNo = order.outRefundNo();
    Setup setup;
    try {
      if (apiV3() != null) {
        return apiV3().submitRefund(order);
      }
      setup = setup();
    } catch (PayDeskException e) {
      return new RefundSubmission.Retry("not sent: " + e.getMessage());
    }
    WeChatPayClient client = setup.client();
    if (client.config().clientCertificate() == null) {
      String why =
          setup.certificateProblem() == null
              ? CERTIFICATE_MISSING
              : "not sent: "
                  + setup.certificateProblem()
                  + "; sent with the same out_refund_no once it loads";
      LOG.warning(() -> "refund not sent outRefundNo=" + outRefundNo + " " + why);
      return new RefundSubmission.CertificateProblem(why);
    }
    CallResult<RefundResponse> result =
        client.refund(
            new RefundRequest(
                order.outTradeNo(),
                outRefundNo,
                order.totalFee(),
                order.amount(),
                null,
                order.fromAvailableBalance() ? WeChatOutcomes.RECHARGE_FUNDS : null,
                setup.urls().refundNotify()));
    RefundSubmission submission = WeChatOutcomes.submission(result);
    if (submission instanceof RefundSubmission.CertificateProblem) {
      LOG.warning(
          () ->
              "refund refused for its client certificate outRefundNo="
                  + outRefundNo
                  + " "
                  + WeChatOutcomes.describe(result));
    }
    return submission;
  }

  /** Asks WeChat how a refund stands (refund query). */
  public RefundFinding checkRefund(String outRefundNo) {
    WeChatPayClient client;
    try {
      if (apiV3() != null) {
        return apiV3().checkRefund(outRefundNo);
      }
      client = client();
    } catch (PayDeskException e) {
      return new RefundFinding.Unknown("not asked: " + e.getMessage());
    }
    return WeChatOutcomes.finding(client.queryRefund(outRefundNo), outRefundNo);
  }

  /**
   * Decodes, verifies and decrypts a refund notification's raw body.
   *
   * @throws PayDeskException WECHAT_NOT_CONFIGURED when no merchant is configured
   */
  public RefundNotice decodeRefund(byte[] body) {
    RefundNotification notification;
    try {
      notification = setup().decoder().decodeRefund(body);
    } catch (WeChatPayException e) {
      return new RefundNotice.Rejected(e.code().name(), e.getMessage());
    }
    return new RefundNotice.Reported(WeChatOutcomes.report(notification.info()));
  }

  /**
   * Decodes, verifies and decrypts an API v3 refund notification. Rejected when the merchant does
   * not use v3.
   *
   * @throws PayDeskException WECHAT_NOT_CONFIGURED when the v3 settings are incomplete
   */
  public RefundNotice decodeRefundV3(Function<String, String> header, byte[] body) {
    ApiV3Calls v3 = apiV3();
    return v3 == null
        ? new RefundNotice.Rejected("NOT_API_V3", "this merchant does not use API v3")
        : v3.decodeRefund(header, body);
  }

  // ---- answers to notifications

  /** The answer that tells WeChat a notification is recorded: it stops sending it. */
  public static String acknowledged() {
    return NotifyAnswer.SUCCESS;
  }

  /** The answer that tells WeChat a notification was not taken: it sends it again later. */
  public static String notTaken(String reason) {
    return NotifyAnswer.fail(reason);
  }

  /** The JSON body of an API v3 failure answer ({@code {"code":"FAIL","message":…}}). */
  public static String notTakenV3(String reason) {
    return ApiV3NotificationDecoder.failAnswer(reason);
  }

  // ---- the merchant

  /**
   * The API v3 calls when the merchant uses v3 ({@code paydesk.wechat.api-version=v3}), null when
   * it uses v2: the one place that chooses the version; every operation above asks it first. Public
   * only because an EJB's no-interface view refuses calls to non-public methods (the bill download
   * asks it too).
   *
   * @throws PayDeskException WECHAT_NOT_CONFIGURED when v3 is chosen and its settings are
   *     incomplete
   */
  public ApiV3Calls apiV3() {
    Optional<ApiV3Calls> current = apiV3;
    if (current == null) {
      synchronized (this) {
        if (apiV3 == null) {
          Config config = ConfigProvider.getConfig();
          String version =
              config.getOptionalValue("paydesk.wechat.api-version", String.class).orElse("v2");
          apiV3 =
              "v3".equalsIgnoreCase(version.strip())
                  ? Optional.of(new ApiV3Calls(ApiV3Calls.Settings.read(config)))
                  : Optional.empty();
        }
        current = apiV3;
      }
    }
    return current.orElse(null);
  }

  /**
   * The merchant's setup, read on first use. A client certificate that could not be loaded is tried
   * again every {@link #CERTIFICATE_RETRY}, so fixing the file needs no restart.
   */
  Setup setup() {
    Setup current = setup;
    if (current == null || Instant.now().isAfter(certificateRetryAt)) {
      synchronized (this) {
        if (setup == null || Instant.now().isAfter(certificateRetryAt)) {
          setup = read(ConfigProvider.getConfig());
          certificateRetryAt =
              setup.certificateProblem() == null
                  ? Instant.MAX
                  : Instant.now().plus(CERTIFICATE_RETRY);
        }
        current = setup;
      }
    }
    return current;
  }

  /**
   * The protocol client, for the gateway's own classes (bill download). Other components call the
   * methods above, which answer in PayDesk's terms. Public only because an EJB's no-interface view
   * refuses calls to non-public methods.
   */
  public WeChatPayClient client() {
    return setup().client();
  }

  /** The merchant, for the gateway's own classes; see {@link #client()}. */
  public Merchant merchant() {
    return setup().merchant();
  }

  private static Setup read(Config config) {
    String appId = required(config, "paydesk.wechat.appid");
    String mchId = required(config, "paydesk.wechat.mch-id");
    Secret apiKey = Secret.of(required(config, "paydesk.wechat.api-key"));
    SignType signType =
        SignType.fromWireName(
            config.getOptionalValue("paydesk.wechat.sign-type", String.class).orElse("MD5"));
    Merchant merchant = new Merchant(appId, mchId, apiKey, signType);

    TrustConfig trust =
        config
            .getOptionalValue("paydesk.wechat.trust-ca", String.class)
            .map(path -> TrustConfig.pemFile(existing(path, "paydesk.wechat.trust-ca")))
            .orElseGet(TrustConfig::jdkDefault);
    ClientCertificate certificate =
        config
            .getOptionalValue("paydesk.wechat.cert-path", String.class)
            .map(
                path ->
                    new ClientCertificate(
                        Path.of(path),
                        Secret.of(
                            config
                                .getOptionalValue("paydesk.wechat.cert-password", String.class)
                                .orElse(mchId))))
            .orElse(null);
    URI baseUrl =
        URI.create(
            config
                .getOptionalValue("paydesk.wechat.base-url", String.class)
                .orElse(WeChatPayConfig.PRODUCTION.toString()));
    Duration connect = duration(config, "paydesk.wechat.connect-timeout", "PT5S");
    Duration read = duration(config, "paydesk.wechat.read-timeout", "PT10S");
    String certificateProblem = null;
    WeChatPayClient client;
    try {
      client =
          new WeChatPayClient(
              new WeChatPayConfig(baseUrl, merchant, trust, certificate, connect, read));
    } catch (RuntimeException e) {
      if (certificate == null) {
        throw e;
      }
      certificateProblem =
          "the client certificate "
              + certificate.p12()
              + " cannot be loaded ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); check paydesk.wechat.cert-path and cert-password";
      String problem = certificateProblem;
      LOG.severe(() -> "wechat pay client certificate unusable mchId=" + mchId + " " + problem);
      client =
          new WeChatPayClient(new WeChatPayConfig(baseUrl, merchant, trust, null, connect, read));
    }
    Urls urls =
        new Urls(
            required(config, "paydesk.wechat.notify-url.pay"),
            config.getOptionalValue("paydesk.wechat.notify-url.refund", String.class).orElse(null),
            config.getOptionalValue("paydesk.wechat.client-ip", String.class).orElse("127.0.0.1"));
    LOG.info(
        () ->
            "wechat pay configured mchId="
                + mchId
                + " appid="
                + appId
                + " baseUrl="
                + baseUrl
                + " signType="
                + signType.wireName()
                + " clientCertificate="
                + (certificate != null));
    return new Setup(client, new NotificationDecoder(merchant), merchant, urls, certificateProblem);
  }

  private static String required(Config config, String key) {
    Optional<String> value = config.getOptionalValue(key, String.class);
    return value.orElseThrow(
        () ->
            new PayDeskException(
                ErrorCode.WECHAT_NOT_CONFIGURED, "set " + key + " to use WeChat Pay"));
  }

  private static Path existing(String path, String key) {
    Path file = Path.of(path);
    if (!Files.isReadable(file)) {
      throw new PayDeskException(
          ErrorCode.WECHAT_NOT_CONFIGURED, key + " names a file that cannot be read: " + path);
    }
    return file;
  }

  private static Duration duration(Config config, String key, String fallback) {
    return Duration.parse(config.getOptionalValue(key, String.class).orElse(fallback));
  }
}
