package io.paydesk.gateway.control;

import io.paydesk.gateway.boundary.BillAnswer;
import io.paydesk.gateway.boundary.BillLines;
import io.paydesk.gateway.boundary.WeChatOutcomes;
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
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.bill.BillReader;
import io.paydesk.wechatpay.client.BillType;
import io.paydesk.wechatpay.client.TrustConfig;
import io.paydesk.wechatpay.v3.ApiV3Client;
import io.paydesk.wechatpay.v3.ApiV3Config;
import io.paydesk.wechatpay.v3.ApiV3Merchant;
import io.paydesk.wechatpay.v3.ApiV3Result;
import io.paydesk.wechatpay.v3.BillFile;
import io.paydesk.wechatpay.v3.DomesticRefundRequest;
import io.paydesk.wechatpay.v3.JsapiPrepayRequest;
import io.paydesk.wechatpay.v3.RequestPayment;
import io.paydesk.wechatpay.v3.TradeBill;
import io.paydesk.wechatpay.v3.Verification;
import io.paydesk.wechatpay.v3.crypto.SignatureHeaders;
import io.paydesk.wechatpay.v3.notify.ApiV3NotificationDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A merchant's calls over WeChat Pay API v3, answered with the same outcome types as the v2 calls
 * of {@link io.paydesk.gateway.boundary.WeChatPayGateway} (made by {@link WeChatOutcomes}): JSAPI
 * prepay and the RSA-signed {@code requestPayment} arguments, query by out_trade_no, close, refund,
 * refund query, both notifications (headers + JSON body) and the day's trade bill with its SHA1
 * check. Thread-safe; built once per merchant from its {@link Settings}.
 */
public final class ApiV3Calls {

  private static final Logger LOG = Logger.getLogger(ApiV3Calls.class.getName());

  /** The funds_account that sends a refund from the merchant's available balance. */
  static final String AVAILABLE_FUNDS = "AVAILABLE";

  /**
   * One v3 merchant's settings, its keys resolved from the merchant's references.
   *
   * @param privateKeyPem the merchant's {@code apiclient_key.pem}
   * @param certificateSerial the serial of the merchant's API certificate ({@code apiclient_cert})
   * @param apiV3Key the 32-character APIv3 key
   * @param publicKeyId the WeChat Pay public key's id ({@code PUB_KEY_ID_…}); null for platform
   *     certificates (downloaded from {@code /v3/certificates})
   * @param publicKeyPem the WeChat Pay public key ({@code pub_key.pem}); null with publicKeyId
   * @param connection where WeChat is, how it is trusted, and the timeouts (shared by merchants)
   * @param notifyUrls where WeChat sends this merchant's notifications ({@code
   *     …/api/wechat/v3/notify/pay[/{mchId}]}); the refund URL null for the platform's setting
   */
  public record Settings(
      String appId,
      String mchId,
      Path privateKeyPem,
      String certificateSerial,
      Secret apiV3Key,
      String publicKeyId,
      Path publicKeyPem,
      Connection connection,
      NotifyUrls notifyUrls) {}

  /** WeChat's base URL, the trust anchors and the timeouts, the same for every merchant. */
  public record Connection(
      URI baseUrl, TrustConfig trust, Duration connectTimeout, Duration readTimeout) {}

  private final Settings settings;
  private final ApiV3Client client;
  private final ApiV3NotificationDecoder decoder;

  /**
   * Loads the keys and builds the client.
   *
   * @throws PayDeskException WECHAT_NOT_CONFIGURED when a key cannot be read or is not valid
   */
  public ApiV3Calls(Settings settings) {
    this.settings = settings;
    ApiV3Merchant merchant;
    Verification verification;
    try {
      merchant =
          ApiV3Merchant.load(
              settings.appId(),
              settings.mchId(),
              settings.certificateSerial(),
              settings.privateKeyPem(),
              settings.apiV3Key());
      verification =
          settings.publicKeyId() == null
              ? Verification.platformCertificates(null)
              : Verification.publicKey(settings.publicKeyId(), settings.publicKeyPem());
    } catch (UncheckedIOException | WeChatPayException | IllegalArgumentException e) {
      throw new PayDeskException(
          ErrorCode.WECHAT_NOT_CONFIGURED,
          "the API v3 keys of mchId="
              + settings.mchId()
              + " cannot be loaded ("
              + e.getClass().getSimpleName()
              + "); check the merchant's v3 keys");
    }
    this.client =
        new ApiV3Client(
            new ApiV3Config(
                settings.connection().baseUrl(),
                merchant,
                verification,
                settings.connection().trust(),
                settings.connection().connectTimeout(),
                settings.connection().readTimeout(),
                Clock.systemUTC()));
    this.decoder = new ApiV3NotificationDecoder(merchant, client.signatureCheck());
    LOG.info(
        () ->
            "wechat pay v3 configured mchId="
                + settings.mchId()
                + " appid="
                + settings.appId()
                + " baseUrl="
                + settings.connection().baseUrl()
                + " verification="
                + (settings.publicKeyId() == null ? "platform-certificates" : "public-key"));
  }

  public Settings settings() {
    return settings;
  }

  // ---- payments

  /** JSAPI prepay; unknown outcomes are {@link Prepay.Unavailable}: retry, same out_trade_no. */
  public Prepay prepay(PrepayRequest request) {
    ApiV3Result<io.paydesk.wechatpay.v3.Prepay> result =
        client.jsapiPrepay(
            new JsapiPrepayRequest(
                request.description(),
                request.outTradeNo(),
                request.amount(),
                request.openid(),
                settings.notifyUrls().pay(),
                request.expiresAt(),
                null));
    if (result.kind() == ApiV3Result.Kind.NOT_SENT || result.kind() == ApiV3Result.Kind.UNKNOWN) {
      LOG.warning(
          () ->
              "jsapi prepay outcome unknown outTradeNo="
                  + request.outTradeNo()
                  + " "
                  + WeChatOutcomes.describeV3(result));
    }
    return WeChatOutcomes.prepayV3(result);
  }

  /** The RSA-signed {@code wx.requestPayment} arguments for a prepay_id. */
  public Map<String, String> requestPayment(String prepayId) {
    RequestPayment p = client.requestPayment(prepayId);
    Map<String, String> map = new LinkedHashMap<>();
    map.put("appId", p.appId());
    map.put("timeStamp", p.timeStamp());
    map.put("nonceStr", p.nonceStr());
    map.put("package", p.packageValue());
    map.put("signType", p.signType());
    map.put("paySign", p.paySign());
    return map;
  }

  /** Query by out_trade_no. */
  public PaymentCheck checkPayment(String outTradeNo) {
    return WeChatOutcomes.paymentV3(client.queryByOutTradeNo(outTradeNo), Instant.now());
  }

  /** Close an out_trade_no so that it can no longer be paid. */
  public OrderClosing closeOrder(String outTradeNo) {
    return WeChatOutcomes.closingV3(client.close(outTradeNo));
  }

  /** Verifies, decrypts and reads a payment notification ({@code header} looks up by name). */
  public PaymentNotice decodePayment(Function<String, String> header, byte[] body) {
    try {
      return WeChatOutcomes.noticeV3(
          decoder.decodePayment(SignatureHeaders.from(header), body), Instant.now());
    } catch (WeChatPayException e) {
      return new PaymentNotice.Rejected(e.code().name(), e.getMessage());
    }
  }

  // ---- refunds

  /** Sends a refund, from the available balance when the order says so. */
  public RefundSubmission submitRefund(RefundOrder order) {
    RefundSubmission submission =
        WeChatOutcomes.submissionV3(
            client.refund(
                new DomesticRefundRequest(
                    order.outTradeNo(),
                    order.outRefundNo(),
                    order.amount(),
                    order.totalFee(),
                    null,
                    settings.notifyUrls().refund(),
                    order.fromAvailableBalance() ? AVAILABLE_FUNDS : null)));
    if (submission instanceof RefundSubmission.CertificateProblem problem) {
      LOG.warning(
          () ->
              "refund refused for the merchant's signature outRefundNo="
                  + order.outRefundNo()
                  + " "
                  + problem.reason());
    }
    return submission;
  }

  /** Refund query by out_refund_no. */
  public RefundFinding checkRefund(String outRefundNo) {
    return WeChatOutcomes.findingV3(client.queryRefund(outRefundNo));
  }

  /** Verifies, decrypts and reads a refund notification. */
  public RefundNotice decodeRefund(Function<String, String> header, byte[] body) {
    try {
      return new RefundNotice.Reported(
          WeChatOutcomes.reportV3(
              decoder.decodeRefund(SignatureHeaders.from(header), body).refund()));
    } catch (WeChatPayException e) {
      return new RefundNotice.Rejected(e.code().name(), e.getMessage());
    }
  }

  // ---- bills

  /**
   * The ALL trade bill of {@code billDate} (a Beijing day), GZIP, its SHA1 checked as the lines are
   * read (a changed file fails the read at its end). A {@link BillAnswer.Ready} holds an open
   * download: the caller closes its lines.
   */
  public BillAnswer allBill(LocalDate billDate) {
    ApiV3Result<TradeBill> link = client.tradeBill(billDate, BillType.ALL, true);
    BillAnswer early = WeChatOutcomes.billV3(link);
    if (early != null) {
      return early;
    }
    ApiV3Result<BillFile> download = client.downloadBill(link.orElseThrow(), true);
    if (download.kind() != ApiV3Result.Kind.SUCCESS) {
      return new BillAnswer.NotReady("bill download: " + WeChatOutcomes.describeV3(download));
    }
    BillFile file = download.orElseThrow();
    try {
      return new BillAnswer.Ready(new BillLines(file, BillReader.openTolerant(file.body())));
    } catch (IOException | RuntimeException e) {
      try {
        file.close();
      } catch (IOException closing) {
        LOG.fine(() -> "bill download not closed cleanly: " + closing);
      }
      return new BillAnswer.NotReady("bill unreadable: " + e.getMessage());
    }
  }
}
