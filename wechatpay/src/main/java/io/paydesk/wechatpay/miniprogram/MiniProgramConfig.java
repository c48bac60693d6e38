package io.paydesk.wechatpay.miniprogram;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.client.TrustConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A mini-program at WeChat's server API ({@code api.weixin.qq.com}): its appid and AppSecret, whom
 * to trust for TLS, and the timeouts. The secret is a {@link Secret}: it never shows in a log line
 * or a {@code toString()}.
 *
 * @param renewBefore how long before its expiry a cached access token is replaced
 */
public record MiniProgramConfig(
    URI baseUrl,
    String appId,
    Secret appSecret,
    TrustConfig trust,
    Duration connectTimeout,
    Duration readTimeout,
    Duration renewBefore,
    Clock clock) {

  /** WeChat's server API. */
  public static final URI PRODUCTION = URI.create("https://api.weixin.qq.com");

  public MiniProgramConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(appSecret, "appSecret");
    Objects.requireNonNull(trust, "trust");
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("appId is required");
    }
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    renewBefore = renewBefore == null ? Duration.ofMinutes(5) : renewBefore;
    clock = clock == null ? Clock.systemUTC() : clock;
  }

  /** With WeChat's defaults: 5 s to connect, 10 s to answer, tokens renewed 5 minutes early. */
  public static MiniProgramConfig of(
      URI baseUrl, String appId, Secret appSecret, TrustConfig trust) {
    return new MiniProgramConfig(baseUrl, appId, appSecret, trust, null, null, null, null);
  }
}
