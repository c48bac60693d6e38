package io.paydesk.gateway.boundary;

import io.paydesk.gateway.entity.ShippingReport;
import io.paydesk.gateway.entity.ShippingUploadOutcome;
import io.paydesk.payment.entity.Shipment;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.client.TrustConfig;
import io.paydesk.wechatpay.miniprogram.AccessToken;
import io.paydesk.wechatpay.miniprogram.MiniProgramClient;
import io.paydesk.wechatpay.miniprogram.MiniProgramConfig;
import io.paydesk.wechatpay.miniprogram.MiniProgramResult;
import io.paydesk.wechatpay.miniprogram.OrderKey;
import io.paydesk.wechatpay.miniprogram.ShippingInfo;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * PayDesk's mini-program at WeChat's server API: the shipping-information upload (小程序发货信息管理服务),
 * with the access token the protocol library caches and renews. Answers in PayDesk's terms ({@link
 * ShippingUploadOutcome}, made by {@link WeChatOutcomes}); no other component sees an errcode.
 * Calls are made outside any transaction.
 *
 * <p>Configuration, read on first use (and again after a failure to read it, so that fixing it
 * needs no restart): the appid is the payment appid ({@code paydesk.wechat.appid}); the AppSecret
 * comes from the file {@code paydesk.wechat.mini-program.secret-file} and is never logged; {@code
 * paydesk.wechat.mini-program.base-url} (default WeChat's) and the TLS anchors of {@code
 * paydesk.wechat.trust-ca}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: only the shipping-information uploader calls it, in-process, with no caller of its
// own.
@PermitAll
public class WeChatMiniProgram {

  private static final Logger LOG = Logger.getLogger(WeChatMiniProgram.class.getName());

  private volatile Setup setup;

  record Setup(MiniProgramClient client, String mchId) {}

  /**
   * Uploads one shipment: by WeChat's transaction id when PayDesk has it, else by mch_id and
   * out_trade_no.
   */
  public ShippingUploadOutcome upload(ShippingReport report) {
    Setup current;
    try {
      current = setup();
    } catch (RuntimeException e) {
      return new ShippingUploadOutcome.Retry("not configured: " + e.getMessage());
    }
    ShippingInfo info;
    try {
      info = info(report, current.mchId());
    } catch (IllegalArgumentException e) {
      return new ShippingUploadOutcome.Refused("not sent: " + e.getMessage());
    }
    MiniProgramResult<AccessToken> token = current.client().accessToken();
    if (!(token instanceof MiniProgramResult.Success<AccessToken>)) {
      ShippingUploadOutcome outcome = WeChatOutcomes.noToken(token);
      LOG.warning(() -> "shipping info not uploaded orderNo=" + report.orderNo() + " " + outcome);
      return outcome;
    }
    ShippingUploadOutcome outcome =
        WeChatOutcomes.shippingUpload(current.client().uploadShippingInfo(info));
    LOG.info(
        () ->
            "shipping info upload orderNo="
                + report.orderNo()
                + " outTradeNo="
                + report.outTradeNo()
                + " outcome="
                + outcome);
    return outcome;
  }

  static ShippingInfo info(ShippingReport report, String mchId) {
    OrderKey key =
        report.transactionId() != null
            ? OrderKey.ofTransaction(report.transactionId())
            : OrderKey.ofMerchant(mchId, report.outTradeNo());
    ShippingInfo.LogisticsType type =
        switch (report.method()) {
          case EXPRESS -> ShippingInfo.LogisticsType.EXPRESS;
          case SAME_CITY -> ShippingInfo.LogisticsType.SAME_CITY;
          case VIRTUAL -> ShippingInfo.LogisticsType.VIRTUAL;
          case PICKUP -> ShippingInfo.LogisticsType.SELF_PICKUP;
        };
    boolean express = report.method() == Shipment.Method.EXPRESS;
    if (express && report.expressCompany() == null) {
      throw new IllegalArgumentException(
          "the express company's WeChat code is unknown for this carrier; ship with"
              + " expressCompany (e.g. SF, ZTO, YTO)");
    }
    return new ShippingInfo(
        key,
        type,
        new ShippingInfo.Parcel(
            express ? report.trackingNo() : null,
            express ? report.expressCompany() : null,
            report.itemDesc(),
            express ? report.receiverContact() : null),
        report.shippedAt().atOffset(ZoneOffset.ofHours(8)),
        report.openid());
  }

  private Setup setup() {
    Setup current = setup;
    if (current == null) {
      synchronized (this) {
        if (setup == null) {
          setup = read(ConfigProvider.getConfig());
        }
        current = setup;
      }
    }
    return current;
  }

  private static Setup read(Config config) {
    String appId = required(config, "paydesk.wechat.appid");
    String mchId = required(config, "paydesk.wechat.mch-id");
    Path secretFile = Path.of(required(config, "paydesk.wechat.mini-program.secret-file"));
    String secret;
    try {
      secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "paydesk.wechat.mini-program.secret-file cannot be read: " + secretFile);
    }
    if (secret.isEmpty()) {
      throw new IllegalStateException("paydesk.wechat.mini-program.secret-file is empty");
    }
    TrustConfig trust =
        config
            .getOptionalValue("paydesk.wechat.trust-ca", String.class)
            .map(path -> TrustConfig.pemFile(Path.of(path)))
            .orElseGet(TrustConfig::jdkDefault);
    URI baseUrl =
        URI.create(
            config
                .getOptionalValue("paydesk.wechat.mini-program.base-url", String.class)
                .orElse(MiniProgramConfig.PRODUCTION.toString()));
    Duration connect = duration(config, "paydesk.wechat.connect-timeout", "PT5S");
    Duration read = duration(config, "paydesk.wechat.read-timeout", "PT10S");
    Duration renewBefore =
        duration(config, "paydesk.wechat.mini-program.token-renew-before", "PT5M");
    MiniProgramClient client =
        new MiniProgramClient(
            new MiniProgramConfig(
                baseUrl, appId, Secret.of(secret), trust, connect, read, renewBefore, null));
    LOG.info(() -> "wechat mini-program configured appid=" + appId + " baseUrl=" + baseUrl);
    return new Setup(client, mchId);
  }

  private static String required(Config config, String key) {
    Optional<String> value = config.getOptionalValue(key, String.class);
    return value.orElseThrow(() -> new IllegalStateException("set " + key));
  }

  private static Duration duration(Config config, String key, String fallback) {
    return Duration.parse(config.getOptionalValue(key, String.class).orElse(fallback));
  }
}
