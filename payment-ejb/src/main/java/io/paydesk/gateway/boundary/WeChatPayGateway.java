package io.paydesk.gateway.boundary;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.client.ClientCertificate;
import io.paydesk.wechatpay.client.TrustConfig;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.client.WeChatPayConfig;
import io.paydesk.wechatpay.notify.NotificationDecoder;
import io.paydesk.wechatpay.sign.SignType;
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
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * PayDesk's merchant at WeChat Pay, from configuration ({@code paydesk.wechat.*}): the protocol
 * client, the notification decoder and the notify URLs. Built on first use, so PayDesk starts
 * without a merchant configured and says so when a payment needs one.
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
  private volatile Instant certificateRetryAt = Instant.MAX;

  /**
   * Everything built from one reading of the configuration. {@code certificateProblem} says why the
   * merchant's client certificate could not be loaded (the client then has none: payments work,
   * refunds wait); null when it is loaded or none is configured.
   */
  public record Setup(
      WeChatPayClient client,
      NotificationDecoder decoder,
      Merchant merchant,
      Urls urls,
      String certificateProblem) {}

  /** Where WeChat sends notifications, and the buyer IP used when the shop gives none. */
  public record Urls(String payNotify, String refundNotify, String fallbackClientIp) {}

  /**
   * The merchant's setup, read on first use. A client certificate that could not be loaded is tried
   * again every {@link #CERTIFICATE_RETRY}, so fixing the file needs no restart.
   */
  public Setup setup() {
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

  public WeChatPayClient client() {
    return setup().client();
  }

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
