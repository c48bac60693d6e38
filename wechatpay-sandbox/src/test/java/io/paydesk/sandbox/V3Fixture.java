package io.paydesk.sandbox;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.client.TrustConfig;
import io.paydesk.wechatpay.v3.ApiV3Client;
import io.paydesk.wechatpay.v3.ApiV3Config;
import io.paydesk.wechatpay.v3.ApiV3Merchant;
import io.paydesk.wechatpay.v3.JsapiPrepayRequest;
import io.paydesk.wechatpay.v3.Verification;
import io.paydesk.wechatpay.v3.crypto.Pem;
import java.time.Clock;
import java.time.Duration;

/**
 * API v3 test data: merchant C (v2 and v3, WeChat Pay public key mode) and merchant D (v3 only,
 * platform certificate mode), clients for them, and order helpers.
 */
final class V3Fixture {
  static final String APP_C = "wxd678efh567hg6787";
  static final String MCH_C = "1230000109";
  static final String V2_KEY_C = "abcdef0123456789abcdef0123456789";
  static final String V3_KEY_C = "a7cde1ZbGy6R2Dm5Kq9Ws3Xt8Vh4Jn0P";
  static final String APP_D = "wx8888888888888888";
  static final String MCH_D = "1900009191";
  static final String V3_KEY_D = "Zq3Wm8Yt1Rv5Ks9Pb2Nx7Lc4Hd6Gf0Ja";

  private V3Fixture() {}

  static SandboxServer.Builder sandbox() {
    return SandboxServer.builder()
        .port(0)
        .inMemory()
        .merchant(
            SandboxMerchant.of(APP_C, MCH_C, Secret.of(V2_KEY_C))
                .withApiV3(Secret.of(V3_KEY_C), SandboxMerchant.V3Verification.PUBLIC_KEY))
        .merchant(
            SandboxMerchant.v3Only(
                APP_D,
                MCH_D,
                Secret.of(V3_KEY_D),
                SandboxMerchant.V3Verification.PLATFORM_CERTIFICATE))
        .timeScale(0.01)
        .refundDelay(Duration.ofMillis(200))
        .refundMinInterval(Duration.ZERO)
        .closeMinAge(Duration.ZERO);
  }

  static ApiV3Merchant merchantC(SandboxServer s) {
    return ApiV3Merchant.load(
        APP_C,
        MCH_C,
        s.apiV3CertificateSerial(MCH_C),
        s.apiV3PrivateKey(MCH_C),
        Secret.of(V3_KEY_C));
  }

  static ApiV3Merchant merchantD(SandboxServer s) {
    return ApiV3Merchant.load(
        APP_D,
        MCH_D,
        s.apiV3CertificateSerial(MCH_D),
        s.apiV3PrivateKey(MCH_D),
        Secret.of(V3_KEY_D));
  }

  static Verification publicKey(SandboxServer s) {
    return Verification.publicKey(s.weChatPayPublicKeyId(), s.weChatPayPublicKey());
  }

  static Verification platformCertificates(SandboxServer s) {
    return Verification.platformCertificates(Pem.certificate(Pem.read(s.caCertificatePem())));
  }

  static ApiV3Client clientC(SandboxServer s) {
    return client(s, merchantC(s), publicKey(s), Duration.ofSeconds(10));
  }

  static ApiV3Client clientD(SandboxServer s) {
    return client(s, merchantD(s), platformCertificates(s), Duration.ofSeconds(10));
  }

  static ApiV3Client client(
      SandboxServer s, ApiV3Merchant merchant, Verification verification, Duration timeout) {
    return new ApiV3Client(config(s, merchant, verification, timeout, Clock.systemUTC()));
  }

  static ApiV3Config config(
      SandboxServer s,
      ApiV3Merchant merchant,
      Verification verification,
      Duration timeout,
      Clock clock) {
    return new ApiV3Config(
        s.baseUrl(),
        merchant,
        verification,
        TrustConfig.pemFile(s.caCertificatePem()),
        Duration.ofSeconds(5),
        timeout,
        clock);
  }

  static JsapiPrepayRequest order(String outTradeNo, long fen, String notifyUrl) {
    return new JsapiPrepayRequest(
        "Image形象店-深圳腾大-QQ公仔", outTradeNo, fen, Fixture.OPENID, notifyUrl, null, "attach-v3");
  }
}
