package io.paydesk.sandbox;

import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.client.ClientCertificate;
import io.paydesk.wechatpay.client.TrustConfig;
import io.paydesk.wechatpay.client.UnifiedOrderRequest;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.client.WeChatPayConfig;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** Shared test data and helpers: two merchants, clients for them, a raw signed sender. */
final class Fixture {
  static final String APP_A = "wxd930ea5d5a258f4f";
  static final String MCH_A = "10000100";
  static final String KEY_A = "192006250b4c09247ec02edce69f6a2d";
  static final String APP_B = "wx2421b1c4370ec43b";
  static final String MCH_B = "1900000109";
  static final String KEY_B = "0123456789abcdef0123456789ABCDEF";
  static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  private Fixture() {}

  static SandboxMerchant merchantA() {
    return SandboxMerchant.of(APP_A, MCH_A, Secret.of(KEY_A));
  }

  static SandboxMerchant merchantB() {
    return SandboxMerchant.of(APP_B, MCH_B, Secret.of(KEY_B));
  }

  /** An in-memory sandbox on a random port with merchants A and B, quick rules for tests. */
  static SandboxServer.Builder sandbox() {
    return SandboxServer.builder()
        .port(0)
        .inMemory()
        .merchant(merchantA())
        .merchant(merchantB())
        .timeScale(0.01)
        .refundDelay(Duration.ofMillis(200))
        .refundMinInterval(Duration.ZERO);
  }

  static Merchant clientMerchant(String appId, String mchId, String key, SignType type) {
    return new Merchant(appId, mchId, Secret.of(key), type);
  }

  static WeChatPayClient clientA(SandboxServer s) {
    return client(s, clientMerchant(APP_A, MCH_A, KEY_A, SignType.HMAC_SHA256), MCH_A);
  }

  static WeChatPayClient clientB(SandboxServer s) {
    return client(s, clientMerchant(APP_B, MCH_B, KEY_B, SignType.MD5), MCH_B);
  }

  /** A client for {@code merchant} presenting the p12 of {@code certMchId} (null: none). */
  static WeChatPayClient client(SandboxServer s, Merchant merchant, String certMchId) {
    return new WeChatPayClient(config(s, merchant, certMchId, Duration.ofSeconds(10)));
  }

  static WeChatPayConfig config(
      SandboxServer s, Merchant merchant, String certMchId, Duration requestTimeout) {
    return new WeChatPayConfig(
        s.baseUrl(),
        merchant,
        TrustConfig.pemFile(s.caCertificatePem()),
        certMchId == null
            ? null
            : new ClientCertificate(s.clientCertificate(certMchId), Secret.of(certMchId)),
        Duration.ofSeconds(5),
        requestTimeout);
  }

  static String outTradeNo() {
    return "PD" + SEQ.incrementAndGet();
  }

  static UnifiedOrderRequest order(String outTradeNo, long fee, String notifyUrl) {
    return new UnifiedOrderRequest(
        outTradeNo, "T恤,白色", fee, "127.0.0.1", notifyUrl, OPENID, null, null, "attach-1");
  }

  /** A TLS context trusting only the sandbox CA, with no client certificate. */
  static SSLContext trustingSandbox(SandboxServer s) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(s.caCertificatePem())) {
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      trust.setCertificateEntry("ca", ca);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  static HttpClient https(SandboxServer s) throws Exception {
    SSLContext tls = trustingSandbox(s);
    SSLParameters params = tls.getDefaultSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    return HttpClient.newBuilder().sslContext(tls).sslParameters(params).build();
  }

  /**
   * Posts {@code fields} (signed with {@code key} unless they carry a sign) and parses the answer.
   */
  static Map<String, String> raw(
      SandboxServer s, String path, Map<String, String> fields, String key, SignType type)
      throws Exception {
    Map<String, String> body = new HashMap<>(fields);
    if (key != null) {
      body = new Signer(Secret.of(key)).signed(body, type);
    }
    HttpResponse<byte[]> response =
        https(s)
            .send(
                HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(WeChatXml.write(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    return new WeChatXml().parse(response.body());
  }

  /** A valid unifiedorder field set for merchant A, to be altered by a test. */
  static Map<String, String> unifiedOrderFields(String outTradeNo) {
    Map<String, String> f = new HashMap<>();
    f.put("appid", APP_A);
    f.put("mch_id", MCH_A);
    f.put("nonce_str", "ibuaiVcKdpRxkhJA");
    f.put("body", "test");
    f.put("out_trade_no", outTradeNo);
    f.put("total_fee", "100");
    f.put("spbill_create_ip", "127.0.0.1");
    f.put("notify_url", "https://shop.example.com/wechat/notify");
    f.put("trade_type", "JSAPI");
    f.put("openid", OPENID);
    return f;
  }

  static String text(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** A clock tests move forward. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
