package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.WeChatPayException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the client needs. {@code toString()} shows no secret (they are {@link
 * io.paydesk.wechatpay.Secret}s).
 *
 * @param baseUrl {@code https://api.mch.weixin.qq.com} in production, the sandbox's URL otherwise
 * @param clientCertificate for {@code /secapi/*} (refunds); null if the application never refunds
 * @param connectTimeout TCP + TLS connect
 * @param requestTimeout from sending the request to the end of the response headers
 */
public record WeChatPayConfig(
    URI baseUrl,
    Merchant merchant,
    TrustConfig trust,
    ClientCertificate clientCertificate,
    Duration connectTimeout,
    Duration requestTimeout) {

  public static final URI PRODUCTION = URI.create("https://api.mch.weixin.qq.com");

  public WeChatPayConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(merchant, "merchant");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (!"https".equals(baseUrl.getScheme())) {
      throw new WeChatPayException(
          WeChatPayException.Code.CONFIG_INVALID, "baseUrl must be https: " + baseUrl);
    }
  }

  /** Production URL, JDK trust anchors, 5 s connect and 10 s request timeouts. */
  public static WeChatPayConfig production(Merchant merchant, ClientCertificate certificate) {
    return new WeChatPayConfig(
        PRODUCTION,
        merchant,
        TrustConfig.jdkDefault(),
        certificate,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }
}
