package io.paydesk.gateway.boundary;

import io.paydesk.gateway.control.ApiV3Calls;
import io.paydesk.gateway.control.NotifyUrls;
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
import io.paydesk.merchant.entity.ApiV3Keys;
import io.paydesk.merchant.entity.MerchantSettings;
import io.paydesk.merchant.entity.SecretReference;
import io.paydesk.merchant.entity.ServiceProvider;
import io.paydesk.payment.control.PaymentRecords;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.SubMerchant;
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
 * PayDesk's merchants at WeChat Pay: the calls PayDesk makes for payments and refunds, and the
 * notifications WeChat sends back, each answered in PayDesk's terms (the sealed types of {@code
 * io.paydesk.gateway.entity}, made by {@link WeChatOutcomes}). No other component sees the protocol
 * library's results or codes. Calls are made outside any transaction.
 *
 * <p>The merchants come from the registry ({@link MerchantRegistry}), each resolved on first use
 * and cached until it changes: adding or changing a merchant needs no restart. The first merchant
 * is the one of {@code paydesk.wechat.*}; PayDesk starts without any and says so when a payment
 * needs one. The endpoint, trust and timeouts ({@code paydesk.wechat.base-url}, {@code trust-ca},
 * {@code *-timeout}) are shared by all merchants.
 *
 * <p>Each merchant is spoken to in its own way, chosen in one place ({@link #read}): API v2 with
 * its key and certificate; a service provider's sub-merchant over the partner API v2 (the service
 * provider's appid, mch_id, key and certificate, with {@code sub_mch_id} and {@code sub_appid});
 * API v3 with its {@link ApiV3Calls}. Every operation below asks the merchant's {@link Setup}
 * which.
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

  static final String CERTIFICATE_MISSING =
      "not sent: no client certificate configured (paydesk.wechat.cert-path, the merchant's"
          + " apiclient_cert.p12); sent with the same out_refund_no once it is set";

  /**
   * Everything built from one reading of a merchant: for API v2 its {@code client} (for a
   * sub-merchant, the service provider's acting for it), {@code decoder} and protocol {@code
   * merchant} (the service provider's for a sub-merchant); for API v3 its {@code v3} calls, and the
   * v2 fields null. {@code certificateProblem} says why the client certificate could not be loaded
   * (the client then has none: payments work, refunds wait); null when it is loaded or none is
   * configured.
   *
   * @param mchId the registry's mch_id (a sub-merchant's is its sub_mch_id)
   * @param subMchId the sub_mch_id a service provider's notification must name; null for a direct
   *     merchant
   */
  record Setup(
      String mchId,
      WeChatPayClient client,
      NotificationDecoder decoder,
      Merchant merchant,
      Urls urls,
      String certificateProblem,
      ApiV3Calls v3,
      String subMchId) {

    /** The v2 client, or WECHAT_NOT_CONFIGURED for a merchant on API v3. */
    WeChatPayClient v2Client() {
      if (client == null) {
        throw new PayDeskException(
            ErrorCode.WECHAT_NOT_CONFIGURED,
            "merchant " + mchId + " uses WeChat Pay API v3, not v2");
      }
      return client;
    }
  }

  /** Where WeChat sends notifications, and the buyer IP used when the shop gives none. */
  record Urls(String payNotify, String refundNotify, String fallbackClientIp) {}

  // ---- payments

  /**
   * Asks WeChat for a prepay_id (unified order or v3 JSAPI prepay) as the order's merchant. Unknown
   * outcomes are {@link Prepay.Unavailable}: retry with the same out_trade_no.
   */
  public Prepay prepay(PrepayRequest request) {
    Setup setup = setup(request.mchId());
    if (setup.v3() != null) {
      return setup.v3().prepay(request);
    }
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
    Setup setup = setup(mchId);
    return setup.v3() != null
        ? setup.v3().requestPayment(prepayId)
        : setup.client().jsapiPayParams(prepayId).toMap();
  }

  /** The buyer's IP as the shop saw it, or the configured one when the shop gave none. */
  public String clientIp(String fromShop) {
    if (fromShop != null && !fromShop.isBlank()) {
      return fromShop;
    }
    return fallbackClientIp(ConfigProvider.getConfig());
  }

  /** Asks WeChat how a payment attempt stands (order query), as its order's merchant. */
  public PaymentCheck checkPayment(String outTradeNo) {
    Setup setup = setupOfTrade(outTradeNo);
    return setup.v3() != null
        ? setup.v3().checkPayment(outTradeNo)
        : WeChatOutcomes.payment(setup.client().queryOrder(outTradeNo), Instant.now());
  }

  /** Asks WeChat to close an out_trade_no so that it can no longer be paid (closeorder). */
  public OrderClosing closeOrder(String outTradeNo) {
    Setup setup = setupOfTrade(outTradeNo);
    return setup.v3() != null
        ? setup.v3().closeOrder(outTradeNo)
        : WeChatOutcomes.closing(setup.client().closeOrder(outTradeNo));
  }

  /**
   * Decodes and verifies an API v2 payment notification's raw body with merchant {@code mchId}'s
   * key only (null: the first merchant's, for the notify URL without a mch_id); a sub-merchant's
   * with its service provider's key, and it must name the sub-merchant's sub_mch_id. A body naming
   * another merchant, or signed with another's key, is {@link PaymentNotice.Rejected}; so is a
   * mch_id PayDesk does not know, and a merchant on API v3.
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
    if (merchant.v3() != null) {
      return new PaymentNotice.Rejected(
          "NOT_API_V2", "merchant " + merchant.mchId() + " uses API v3");
    }
    PaymentNotification notification;
    try {
      notification = merchant.decoder().decodePayment(body);
    } catch (WeChatPayException e) {
      return new PaymentNotice.Rejected(e.code().name(), e.getMessage());
    }
    String wrong = otherSubMerchant(merchant, notification.subMchId());
    if (wrong != null) {
      return new PaymentNotice.Rejected(WRONG_MERCHANT, wrong);
    }
    return WeChatOutcomes.notice(notification, Instant.now());
  }

  /** The mch_id of the merchant whose key {@link #decodePayment} uses for {@code mchId}. */
  public String merchantId(String mchId) {
    return setup(mchId).mchId();
  }

  /**
   * Decodes, verifies and decrypts the first merchant's API v3 payment notification ({@code header}
   * looks the {@code Wechatpay-*} headers up by name). Rejected when it does not use v3.
   */
  public PaymentNotice decodePaymentV3(Function<String, String> header, byte[] body) {
    return decodePaymentV3(header, body, null);
  }

  /**
   * Decodes, verifies and decrypts merchant {@code mchId}'s API v3 payment notification (null: the
   * first merchant's) with that merchant's keys only. Rejected for a merchant PayDesk does not know
   * or one that does not use v3.
   */
  public PaymentNotice decodePaymentV3(Function<String, String> header, byte[] body, String mchId) {
    Setup merchant;
    try {
      merchant = setup(mchId);
    } catch (PayDeskException e) {
      return new PaymentNotice.Rejected(
          mchId == null ? "NOT_CONFIGURED" : "UNKNOWN_MERCHANT", e.getMessage());
    }
    return merchant.v3() == null
        ? new PaymentNotice.Rejected("NOT_API_V3", "this merchant does not use API v3")
        : merchant.v3().decodePayment(header, body);
  }

  // ---- refunds

  /**
   * Sends a refund to WeChat as the order's merchant ({@code /secapi/pay/refund} with the client
   * certificate, or v3's domestic refund), from the available balance when the order says so.
   * Nothing is sent over v2 without a certificate.
   */
  public RefundSubmission submitRefund(RefundOrder order) {
    String outRefundNo = order.outRefundNo();
    Setup setup;
    try {
      setup = setupOfTrade(order.outTradeNo());
      if (setup.v3() != null) {
        return setup.v3().submitRefund(order);
      }
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
    Setup setup;
    try {
      setup = setupOfTrade(outTradeNo);
      if (setup.v3() != null) {
        return setup.v3().checkRefund(outRefundNo);
      }
    } catch (PayDeskException e) {
      return new RefundFinding.Unknown("not asked: " + e.getMessage());
    }
    return WeChatOutcomes.finding(setup.client().queryRefund(outRefundNo), outRefundNo);
  }

  /**
   * Decodes, verifies and decrypts an API v2 refund notification's raw body with merchant {@code
   * mchId}'s key only (a sub-merchant's: its service provider's, naming its sub_mch_id).
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
    if (merchant.v3() != null) {
      return new RefundNotice.Rejected(
          "NOT_API_V2", "merchant " + merchant.mchId() + " uses API v3");
    }
    RefundNotification notification;
    try {
      notification = merchant.decoder().decodeRefund(body);
    } catch (WeChatPayException e) {
      return new RefundNotice.Rejected(e.code().name(), e.getMessage());
    }
    String wrong = otherSubMerchant(merchant, notification.subMchId());
    if (wrong != null) {
      return new RefundNotice.Rejected(WRONG_MERCHANT, wrong);
    }
    return new RefundNotice.Reported(WeChatOutcomes.report(notification.info()));
  }

  /**
   * Decodes, verifies and decrypts the first merchant's API v3 refund notification. Rejected when
   * it does not use v3.
   */
  public RefundNotice decodeRefundV3(Function<String, String> header, byte[] body) {
    return decodeRefundV3(header, body, null);
  }

  /**
   * Decodes, verifies and decrypts merchant {@code mchId}'s API v3 refund notification (null: the
   * first merchant's) with that merchant's keys only.
   */
  public RefundNotice decodeRefundV3(Function<String, String> header, byte[] body, String mchId) {
    Setup merchant;
    try {
      merchant = setup(mchId);
    } catch (PayDeskException e) {
      return new RefundNotice.Rejected(
          mchId == null ? "NOT_CONFIGURED" : "UNKNOWN_MERCHANT", e.getMessage());
    }
    return merchant.v3() == null
        ? new RefundNotice.Rejected("NOT_API_V3", "this merchant does not use API v3")
        : merchant.v3().decodeRefund(header, body);
  }

  /** The rejection reason of a notification about another (sub-)merchant. */
  static final String WRONG_MERCHANT = "NOTIFY_WRONG_MERCHANT";

  /**
   * Why a verified v2 notification naming {@code subMchId} is not this merchant's, or null when it
   * is: a sub-merchant's must name its sub_mch_id, a direct merchant's none (a service provider's
   * own URL takes no notification of its sub-merchants: each has its own).
   */
  static String otherSubMerchant(Setup merchant, String subMchId) {
    if (java.util.Objects.equals(merchant.subMchId(), subMchId)) {
      return null;
    }
    return subMchId == null
        ? "a notification without sub_mch_id for sub-merchant " + merchant.subMchId()
        : "a notification for sub_mch_id " + subMchId + " at merchant " + merchant.mchId();
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
   * The first merchant's API v3 calls, or null when it speaks v2. Public only because an EJB's
   * no-interface view refuses calls to non-public methods (the bill download asks it too).
   *
   * @throws PayDeskException WECHAT_NOT_CONFIGURED when there is no first merchant or its v3 keys
   *     cannot be loaded
   */
  public ApiV3Calls apiV3() {
    return setup(null).v3();
  }

  /**
   * Merchant {@code mchId}'s API v3 calls (null: the first merchant's), or null when it speaks v2;
   * for the gateway's own classes (bill download).
   *
   * @throws PayDeskException WECHAT_NOT_CONFIGURED for a merchant PayDesk does not know, or whose
   *     v3 keys cannot be loaded
   */
  public ApiV3Calls apiV3(String mchId) {
    return setup(mchId).v3();
  }

  /** The mch_id of the first merchant when it uses API v3, or null when it does not. */
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
          if (!key.equals(built.mchId())) {
            setups.put(built.mchId(), cached);
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

  /**
   * The API v2 protocol client of merchant {@code mchId} (null: the first), for the gateway's own
   * classes (bill download): a sub-merchant's is its service provider's acting for it (its bill is
   * the sub-merchant's).
   *
   * @throws PayDeskException WECHAT_NOT_CONFIGURED for a merchant on API v3 (ask {@link
   *     #apiV3(String)} first)
   */
  public WeChatPayClient client(String mchId) {
    return setup(mchId).v2Client();
  }

  /**
   * The first merchant's API v2 protocol client, for the gateway's own classes (bill download).
   * Other components call the methods above, which answer in PayDesk's terms. Public only because
   * an EJB's no-interface view refuses calls to non-public methods.
   */
  public WeChatPayClient client() {
    return client(null);
  }

  /**
   * The first merchant's API v2 identity (a sub-merchant's: its service provider's), for the
   * gateway's own classes; see {@link #client()}. Null when it uses API v3.
   */
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

  /**
   * Builds a merchant's setup from its registry entry: the one place that chooses how PayDesk
   * speaks to it (API v3; the partner API v2 for a sub-merchant; API v2).
   *
   * @throws PayDeskException WECHAT_NOT_CONFIGURED when a key cannot be resolved or loaded
   */
  static Setup read(Config config, MerchantView registered) {
    NotifyUrls urls =
        NotifyUrls.of(
            NotifyUrls.Configured.read(config),
            new NotifyUrls.For(registered.mchId(), registered.first(), registered.apiV3()));
    if (registered.apiV3()) {
      return new Setup(
          registered.mchId(),
          null,
          null,
          null,
          new Urls(urls.pay(), urls.refund(), fallbackClientIp(config)),
          null,
          new ApiV3Calls(apiV3Settings(config, registered, urls)),
          null);
    }
    MerchantSettings settings = registered.settings();
    ServiceProvider sp = settings.serviceProvider();
    // a sub-merchant's calls are the service provider's: its appid, mch_id, key and certificate
    String appId = sp == null ? settings.appId() : sp.spAppId();
    String mchId = sp == null ? registered.mchId() : sp.spMchId();
    if (settings.apiKey() == null) {
      throw notConfigured(
          registered, new IllegalStateException("no API key (API v2) is registered"));
    }
    Secret apiKey = Secret.of(resolved(settings.apiKey(), registered));
    SignType signType =
        SignType.fromWireName(
            config.getOptionalValue("paydesk.wechat.sign-type", String.class).orElse("MD5"));
    Merchant merchant = new Merchant(appId, mchId, apiKey, signType);

    ApiV3Calls.Connection connection = connection(config);
    ClientCertificate certificate = certificate(settings, registered, mchId);
    String certificateProblem = null;
    WeChatPayClient client;
    try {
      client = new WeChatPayClient(v2Config(connection, merchant, certificate));
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
      LOG.severe(
          () ->
              "wechat pay client certificate unusable mchId=" + registered.mchId() + " " + problem);
      client = new WeChatPayClient(v2Config(connection, merchant, null));
    }
    if (sp != null) {
      client = client.forSubMerchant(new SubMerchant(registered.mchId(), sp.subAppId()));
    }
    boolean withCertificate = certificate != null;
    LOG.info(
        () ->
            "wechat pay configured mchId="
                + registered.mchId()
                + (sp == null ? "" : " spMchId=" + sp.spMchId() + " partnerApi=v2")
                + " appid="
                + appId
                + " baseUrl="
                + connection.baseUrl()
                + " signType="
                + signType.wireName()
                + " clientCertificate="
                + withCertificate);
    return new Setup(
        registered.mchId(),
        client,
        new NotificationDecoder(merchant),
        merchant,
        new Urls(urls.pay(), urls.refund(), fallbackClientIp(config)),
        certificateProblem,
        null,
        sp == null ? null : registered.mchId());
  }

  private static WeChatPayConfig v2Config(
      ApiV3Calls.Connection connection, Merchant merchant, ClientCertificate certificate) {
    return new WeChatPayConfig(
        connection.baseUrl(),
        merchant,
        connection.trust(),
        certificate,
        connection.connectTimeout(),
        connection.readTimeout());
  }

  /** A v3 merchant's settings, its key references resolved now. */
  private static ApiV3Calls.Settings apiV3Settings(
      Config config, MerchantView registered, NotifyUrls urls) {
    ApiV3Keys keys = registered.settings().apiV3();
    if (keys == null) {
      throw notConfigured(registered, new IllegalStateException("no API v3 keys are registered"));
    }
    Path privateKey = file(keys.privateKey(), registered);
    return new ApiV3Calls.Settings(
        registered.appId(),
        registered.mchId(),
        privateKey,
        keys.certificateSerial(),
        Secret.of(resolved(keys.apiV3Key(), registered)),
        keys.publicKeyId(),
        keys.publicKey() == null ? null : file(keys.publicKey(), registered),
        connection(config),
        urls);
  }

  /** WeChat's base URL, the trust anchors and the timeouts of {@code paydesk.wechat.*}. */
  static ApiV3Calls.Connection connection(Config config) {
    return new ApiV3Calls.Connection(
        URI.create(
            config
                .getOptionalValue("paydesk.wechat.base-url", String.class)
                .orElse(WeChatPayConfig.PRODUCTION.toString())),
        config
            .getOptionalValue("paydesk.wechat.trust-ca", String.class)
            .map(path -> TrustConfig.pemFile(existing(path, "paydesk.wechat.trust-ca")))
            .orElseGet(TrustConfig::jdkDefault),
        duration(config, "paydesk.wechat.connect-timeout", "PT5S"),
        duration(config, "paydesk.wechat.read-timeout", "PT10S"));
  }

  private static String fallbackClientIp(Config config) {
    return config.getOptionalValue("paydesk.wechat.client-ip", String.class).orElse("127.0.0.1");
  }

  /** A readable file a reference leads to. */
  private static Path file(SecretReference reference, MerchantView merchant) {
    Path path;
    try {
      path = SecretResolver.file(reference);
    } catch (IllegalStateException e) {
      throw notConfigured(merchant, e);
    }
    if (!Files.isReadable(path)) {
      throw notConfigured(merchant, new IllegalStateException(reference + " cannot be read"));
    }
    return path;
  }

  /**
   * The merchant's client certificate (a sub-merchant's: its service provider's), or null when it
   * has none. Its password defaults to the mch_id of its owner ({@code ownerMchId}), as WeChat
   * issues it; for the first merchant, when {@code paydesk.wechat.cert-path} is not set, there is
   * no certificate (payments work, refunds wait), as before.
   */
  private static ClientCertificate certificate(
      MerchantSettings settings, MerchantView merchant, String ownerMchId) {
    SecretReference file = settings.certificate();
    if (file == null || (file.kind() == SecretReference.Kind.CONFIG && !configured(file))) {
      return null;
    }
    SecretReference password = settings.certificatePassword();
    String clear =
        password == null
                || (password.kind() == SecretReference.Kind.CONFIG && !configured(password))
            ? ownerMchId
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
