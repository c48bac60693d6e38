package io.paydesk.gateway.control;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import org.eclipse.microprofile.config.Config;

/**
 * Where WeChat sends one merchant's notifications. The first merchant keeps the configured URLs as
 * they are ({@code paydesk.wechat.notify-url.pay} and {@code .refund}); every other merchant gets
 * them followed by {@code /{mchId}}. A merchant on API v2 is notified under {@code
 * /api/wechat/notify/}, one on v3 under {@code /api/wechat/v3/notify/}: the v3 URLs are {@code
 * paydesk.wechat.v3.notify-url.*} when set, otherwise the configured ones with {@code /v3} put in
 * (and the reverse for a v2 merchant when the configured URLs are v3's).
 *
 * @param refund null when none is configured (WeChat then uses the merchant platform's setting)
 */
public record NotifyUrls(String pay, String refund) {

  private static final String V2_PATH = "/wechat/notify/";
  private static final String V3_PATH = "/wechat/v3/notify/";

  /** The configured URLs ({@code v3Pay} and {@code v3Refund} null when not set). */
  public record Configured(String pay, String refund, String v3Pay, String v3Refund) {

    /**
     * @throws PayDeskException WECHAT_NOT_CONFIGURED without {@code paydesk.wechat.notify-url.pay}
     */
    public static Configured read(Config config) {
      return new Configured(
          config
              .getOptionalValue("paydesk.wechat.notify-url.pay", String.class)
              .orElseThrow(
                  () ->
                      new PayDeskException(
                          ErrorCode.WECHAT_NOT_CONFIGURED,
                          "set paydesk.wechat.notify-url.pay to use WeChat Pay")),
          config.getOptionalValue("paydesk.wechat.notify-url.refund", String.class).orElse(null),
          config.getOptionalValue("paydesk.wechat.v3.notify-url.pay", String.class).orElse(null),
          config
              .getOptionalValue("paydesk.wechat.v3.notify-url.refund", String.class)
              .orElse(null));
    }
  }

  /** Whom the URLs are for: a merchant, whether it is the first, whether it speaks v3. */
  public record For(String mchId, boolean first, boolean apiV3) {}

  /**
   * The merchant's URLs.
   *
   * @throws PayDeskException WECHAT_NOT_CONFIGURED when a v3 URL cannot be derived from a
   *     configured URL that is not under {@code /wechat/notify/} (set {@code
   *     paydesk.wechat.v3.notify-url.*})
   */
  public static NotifyUrls of(Configured configured, For merchant) {
    String pay =
        merchant.apiV3() ? v3(configured.v3Pay(), configured.pay(), "pay") : v2(configured.pay());
    String refund =
        configured.refund() == null && configured.v3Refund() == null
            ? null
            : merchant.apiV3()
                ? v3(configured.v3Refund(), configured.refund(), "refund")
                : v2(configured.refund());
    return merchant.first()
        ? new NotifyUrls(pay, refund)
        : new NotifyUrls(
            pay + "/" + merchant.mchId(), refund == null ? null : refund + "/" + merchant.mchId());
  }

  private static String v3(String explicit, String configured, String kind) {
    if (explicit != null) {
      return explicit;
    }
    if (configured == null) {
      return null;
    }
    if (configured.contains(V3_PATH)) {
      return configured;
    }
    int at = configured.lastIndexOf(V2_PATH);
    if (at < 0) {
      throw new PayDeskException(
          ErrorCode.WECHAT_NOT_CONFIGURED,
          "set paydesk.wechat.v3.notify-url."
              + kind
              + ": API v3's notify URL cannot be derived from "
              + configured);
    }
    return configured.substring(0, at) + V3_PATH + configured.substring(at + V2_PATH.length());
  }

  private static String v2(String configured) {
    if (configured == null) {
      return null;
    }
    int at = configured.lastIndexOf(V3_PATH);
    return at < 0
        ? configured
        : configured.substring(0, at) + V2_PATH + configured.substring(at + V3_PATH.length());
  }
}
