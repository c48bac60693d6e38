package io.paydesk.wechatpay.v3;

import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.client.TrustConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the v3 client needs. No client certificate: v3 authenticates every request by its
 * signature, refunds included.
 *
 * @param baseUrl {@code https://api.mch.weixin.qq.com}, or the sandbox's URL
 * @param clock for request timestamps and the 5-minute skew check of WeChat's signatures
 */
public record ApiV3Config(
    URI baseUrl,
    ApiV3Merchant merchant,
    Verification verification,
    TrustConfig trust,
    Duration connectTimeout,
    Duration requestTimeout,
    Clock clock) {

  public static final URI PRODUCTION = URI.create("https://api.mch.weixin.qq.com");

  public ApiV3Config {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(merchant, "merchant");
    Objects.requireNonNull(verification, "verification");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(clock, "clock");
    if (!"https".equals(baseUrl.getScheme())) {
      throw new WeChatPayException(
          WeChatPayException.Code.CONFIG_INVALID, "baseUrl must be https: " + baseUrl);
    }
  }

  /** Production URL, JDK trust anchors, 5 s connect and 10 s request timeouts, system clock. */
  public static ApiV3Config production(ApiV3Merchant merchant, Verification verification) {
    return new ApiV3Config(
        PRODUCTION,
        merchant,
        verification,
        TrustConfig.jdkDefault(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Clock.systemUTC());
  }
}
