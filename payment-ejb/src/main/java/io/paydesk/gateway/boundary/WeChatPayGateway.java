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
import io.paydesk.merchant.boundary.MerchantChanged;
import io.paydesk.merchant.boundary.MerchantRegistry;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.merchant.control.SecretResolver;
import io.paydesk.merchant.entity.MerchantSettings;
import io.paydesk.merchant.entity.SecretReference;
import io.paydesk.payment.control.PaymentRecords;
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
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>The merchants come from the registry ({@link MerchantRegistry}), each resolved on first use
 * and cached until it changes: adding or changing a merchant needs no restart. The first merchant
 * is the one of {@code paydesk.wechat.*}; PayDesk starts without any and says so when a payment
 * needs one. The endpoint, trust and timeouts ({@code paydesk.wechat.base-url}, {@code trust-ca},
 * {@code *-timeout}) are shared by all merchants.
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

  /** The cache key of the first merchant's setup (null asks for it). */
  private static final String FIRST = "";

  private final Map<String, Cached> setups = new ConcurrentHashMap<>();

  @EJB MerchantRegistry registry;
  @EJB PaymentRecords records;

  /** A setup and until when it is used without looking at the registry again. */
  record Cached(Setup setup, Instant freshUntil) {}

  /** The API v3 calls of the merchant configured for v3, read once; empty when it uses v2. */
  private volatile Optional<ApiV3Calls> apiV3;

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
    ApiV3Calls v3 = apiV3For(request.mchId());
    if (v3 != null) {
      return v3.prepay(request);
    }
    Setup setup = setup(request.mchId());
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

  /** The signed {@code wx.requestPayment} parameters for a prepay_id of merchant {@code mchId}. */
  public Map<String, String> requestPayment(String mchId, String prepayId) {
    ApiV3Calls v3 = apiV3For(mchId);
    if (v3 != null) {
      return v3.requestPayment(prepayId);
    }
    return setup(mchId).client().jsapiPayParams(prepayId).toMap();
  }

  /** The buyer's IP as the shop saw it, or the configured one when the shop gave none. */
  public String clientIp(String fromShop) {
    if (fromShop != null && !fromShop.isBlank()) {
      return fromShop;
    }
    ApiV3Calls v3 = apiV3For(null);
    return v3 != null ? v3.settings().fallbackClientIp() : setup(null).urls().fallbackClientIp();
  }

  /** Asks WeChat how a payment attempt stands (order query). */
  public PaymentCheck checkPayment(String outTradeNo) {
    ApiV3Calls v3 = apiV3OfTrade(outTradeNo);
    if (v3 != null) {
      return v3.checkPayment(outTradeNo);
    }
    return WeChatOutcomes.payment(clientOfTrade(outTradeNo).queryOrder(outTradeNo), Instant.now());
  }

  /** Asks WeChat to close an out_trade_no so that it can no longer be paid (closeorder). */
  public OrderClosing closeOrder(String outTradeNo) {
    ApiV3Calls v3 = apiV3OfTrade(outTradeNo);
    if (v3 != null) {
      return v3.closeOrder(outTradeNo);
    }
    return WeChatOutcomes.closing(clientOfTrade(outTradeNo).closeOrder(outTradeNo));
  }

  /**
   * Decodes and verifies a payment notification's raw body with merchant {@code mchId}'s key only
   * (null: the first merchant's, for the notify URL without a mch_id). A body naming another
   * merchant, or signed with another's key, is {@link PaymentNotice.Rejected}; so is a mch_id
   * PayDesk does not know.
   */
  public PaymentNotice decodePayment(byte[] body, String mchId) {
    Setup merchant;
    try {
      merchant = setup(mchId);
    } catch (PayDeskException e) {
      if (mchId == null) {
        throw e;
      }
      return new PaymentNotice.Rejected("UNKNOWN_MERCHANT", "no merchant " + mchId);
    }
    PaymentNotification notification;
    try {
      notification = merchant.decoder().decodePayment(body);
    } catch (WeChatPayException e) {
      return new PaymentNotice.Rejected(e.code().name(), e.getMessage());
    }
    return WeChatOutcomes.notice(notification, Instant.now());
  }

  /** The mch_id of the merchant whose key {@link #decodePayment} uses for {@code mchId}. */
  public String merchantId(String mchId) {
    return setup(mchId).merchant().mchId();
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
      ApiV3Calls v3 = apiV3OfTrade(order.outTradeNo());
      if (v3 != null) {
        return v3.submitRefund(order);
      }
      setup = setupOfTrade(order.outTradeNo());
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

  /** Asks WeChat how a refund of {@code outTradeNo} stands (refund query), as its merchant. */
  public RefundFinding checkRefund(String outRefundNo, String outTradeNo) {
    WeChatPayClient client;
    try {
      ApiV3Calls v3 = apiV3OfTrade(outTradeNo);
      if (v3 != null) {
        return v3.checkRefund(outRefundNo);
      }
      client = setupOfTrade(outTradeNo).client();
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
  public RefundNotice decodeRefund(byte[] body, String mchId) {
    Setup merchant;
    try {
      merchant = setup(mchId);
    } catch (PayDeskException e) {
      if (mchId == null) {
        throw e;
      }
      return new RefundNotice.Rejected("UNKNOWN_MERCHANT", "no merchant " + mchId);
    }
    RefundNotification notification;
    try {
      notification = merchant.decoder().decodeRefund(body);
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
   * The API v3 calls for merchant {@code mchId} (null: the first merchant), or null when it speaks
   * v2. Only the merchant of {@code paydesk.wechat.*} can use v3 so far: a merchant of the registry
   * speaks v2 (README, Known limits).
   */
  private ApiV3Calls apiV3For(String mchId) {
    ApiV3Calls v3 = apiV3();
    return v3 != null && (mchId == null || mchId.equals(v3.settings().mchId())) ? v3 : null;
  }

  /** The API v3 calls of the merchant an out_trade_no's order belongs to, or null for v2. */
  private ApiV3Calls apiV3OfTrade(String outTradeNo) {
    return apiV3() == null
        ? null
        : apiV3For(outTradeNo == null ? null : records.merchantOfTrade(outTradeNo).orElse(null));
  }

  /** The mch_id of the merchant configured for API v3, or null when none is. */
  public String apiV3MerchantId() {
    ApiV3Calls v3 = apiV3();
    return v3 == null ? null : v3.settings().mchId();
  }

  // ---- the merchants

  /**
   * A merchant's setup, built on first use and kept until the merchant changes ({@link
   * #forget(MerchantChanged)} on this node, {@code paydesk.merchant.cache-ttl} for the others). A
   * client certificate that could not be loaded is tried again every {@link #CERTIFICATE_RETRY}, so
   * fixing the file needs no restart.
   *
   * @param mchId the merchant, or null for the first merchant (the one of {@code paydesk.wechat.*})
   */
  Setup setup(String mchId) {
    String key = mchId == null ? FIRST : mchId;
    Cached cached = setups.get(key);
    Instant now = Instant.now();
    if (cached == null || now.isAfter(cached.freshUntil())) {
      synchronized (this) {
        cached = setups.get(key);
        if (cached == null || now.isAfter(cached.freshUntil())) {
          Setup built = read(ConfigProvider.getConfig(), merchantOf(mchId));
          cached =
              new Cached(
                  built,
                  now.plus(built.certificateProblem() == null ? cacheTtl() : CERTIFICATE_RETRY));
          setups.put(key, cached);
          if (!key.equals(built.merchant().mchId())) {
            setups.put(built.merchant().mchId(), cached);
          }
        }
      }
    }
    return cached.setup();
  }

  /** Forgets the setups of a merchant that changed, once the change is committed. */
  public void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) MerchantChanged change) {
    synchronized (this) {
      setups.clear();
    }
    LOG.info(() -> "wechat pay merchant setups forgotten after change mchId=" + change.mchId());
  }

  /** The setup of the merchant an out_trade_no's order belongs to (the first one when unknown). */
  private Setup setupOfTrade(String outTradeNo) {
    return setup(outTradeNo == null ? null : records.merchantOfTrade(outTradeNo).orElse(null));
  }

  private WeChatPayClient clientOfTrade(String outTradeNo) {
    return setupOfTrade(outTradeNo).client();
  }

  /**
   * The protocol client of merchant {@code mchId} (null: the first), for the gateway's own classes
   * (bill download).
   */
  public WeChatPayClient client(String mchId) {
    return setup(mchId).client();
  }

  /**
   * The protocol client, for the gateway's own classes (bill download). Other components call the
   * methods above, which answer in PayDesk's terms. Public only because an EJB's no-interface view
   * refuses calls to non-public methods.
   */
  public WeChatPayClient client() {
    return setup(null).client();
  }

  /** The merchant, for the gateway's own classes; see {@link #client()}. */
  public Merchant merchant() {
    return setup(null).merchant();
  }

  private MerchantView merchantOf(String mchId) {
    Optional<MerchantView> merchant = mchId == null ? registry.first() : registry.lookup(mchId);
    return merchant.orElseThrow(
        () ->
            new PayDeskException(
                ErrorCode.WECHAT_NOT_CONFIGURED,
                mchId == null
                    ? "set paydesk.wechat.appid, paydesk.wechat.mch-id and paydesk.wechat.api-key"
                        + " to use WeChat Pay"
                    : "no merchant " + mchId));
  }

  private static Duration cacheTtl() {
    return duration(ConfigProvider.getConfig(), "paydesk.merchant.cache-ttl", "PT30S");
  }

  private static Setup read(Config config, MerchantView registered) {
    MerchantSettings settings = registered.settings();
    String appId = settings.appId();
    String mchId = registered.mchId();
    Secret apiKey = Secret.of(resolved(settings.apiKey(), registered));
    SignType signType =
        SignType.fromWireName(
            config.getOptionalValue("paydesk.wechat.sign-type", String.class).orElse("MD5"));
    Merchant merchant = new Merchant(appId, mchId, apiKey, signType);

    TrustConfig trust =
        config
            .getOptionalValue("paydesk.wechat.trust-ca", String.class)
            .map(path -> TrustConfig.pemFile(existing(path, "paydesk.wechat.trust-ca")))
            .orElseGet(TrustConfig::jdkDefault);
    ClientCertificate certificate = certificate(settings, registered);
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
              + "); check the merchant's certificate "
              + settings.certificate()
              + " and its password";
      String problem = certificateProblem;
      LOG.severe(() -> "wechat pay client certificate unusable mchId=" + mchId + " " + problem);
      client =
          new WeChatPayClient(new WeChatPayConfig(baseUrl, merchant, trust, null, connect, read));
    }
    String payNotify = required(config, "paydesk.wechat.notify-url.pay");
    String refundNotify =
        config.getOptionalValue("paydesk.wechat.notify-url.refund", String.class).orElse(null);
    Urls urls =
        new Urls(
            registered.first() ? payNotify : payNotify + "/" + mchId,
            registered.first() || refundNotify == null ? refundNotify : refundNotify + "/" + mchId,
            config.getOptionalValue("paydesk.wechat.client-ip", String.class).orElse("127.0.0.1"));
    boolean withCertificate = certificate != null;
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
                + withCertificate);
    return new Setup(client, new NotificationDecoder(merchant), merchant, urls, certificateProblem);
  }

  /**
   * The merchant's client certificate, or null when it has none. Its password defaults to the
   * mch_id, as WeChat issues it; for the first merchant, when {@code paydesk.wechat.cert-path} is
   * not set, there is no certificate (payments work, refunds wait), as before.
   */
  private static ClientCertificate certificate(MerchantSettings settings, MerchantView merchant) {
    SecretReference file = settings.certificate();
    if (file == null || (file.kind() == SecretReference.Kind.CONFIG && !configured(file))) {
      return null;
    }
    SecretReference password = settings.certificatePassword();
    String clear =
        password == null
                || (password.kind() == SecretReference.Kind.CONFIG && !configured(password))
            ? merchant.mchId()
            : resolved(password, merchant);
    Path p12;
    try {
      p12 = SecretResolver.file(file);
    } catch (IllegalStateException e) {
      throw notConfigured(merchant, e);
    }
    return new ClientCertificate(p12, Secret.of(clear));
  }

  private static boolean configured(SecretReference reference) {
    return ConfigProvider.getConfig()
        .getOptionalValue(reference.name(), String.class)
        .filter(value -> !value.isBlank())
        .isPresent();
  }

  private static String resolved(SecretReference reference, MerchantView merchant) {
    try {
      return SecretResolver.text(reference);
    } catch (IllegalStateException e) {
      throw notConfigured(merchant, e);
    }
  }

  private static PayDeskException notConfigured(MerchantView merchant, IllegalStateException e) {
    String detail =
        "merchant " + merchant.mchId() + ": " + e.getMessage() + "; WeChat Pay cannot be used";
    LOG.warning(() -> "wechat pay merchant unusable mchId=" + merchant.mchId() + " " + detail);
    return new PayDeskException(ErrorCode.WECHAT_NOT_CONFIGURED, detail);
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
