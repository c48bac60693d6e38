package io.paydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.CallResult.UnknownReason;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.v3.ApiV3Client;
import io.paydesk.wechatpay.v3.ApiV3Error;
import io.paydesk.wechatpay.v3.ApiV3Merchant;
import io.paydesk.wechatpay.v3.ApiV3Result;
import io.paydesk.wechatpay.v3.Verification;
import io.paydesk.wechatpay.v3.crypto.Authorization;
import io.paydesk.wechatpay.v3.crypto.Pem;
import io.paydesk.wechatpay.v3.crypto.PublicKeyVerifier;
import io.paydesk.wechatpay.v3.crypto.RsaSigner;
import io.paydesk.wechatpay.v3.crypto.SignatureCheck;
import io.paydesk.wechatpay.v3.crypto.SignatureHeaders;
import io.paydesk.wechatpay.v3.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may talk to whom: the sandbox refuses requests without a valid, fresh signature by the
 * registered certificate (401 SIGN_ERROR, itself signed); the client refuses answers it cannot
 * verify (Unknown, never Refused); platform certificates are downloaded, checked and rotated.
 */
class ApiV3SignatureTest {
  private static SandboxServer sandbox;
  private static KeyPair stranger;

  @BeforeAll
  static void start() throws Exception {
    sandbox = V3Fixture.sandbox().build().start();
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    stranger = g.generateKeyPair();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void noAuthorizationIsASignedSignError() throws Exception {
    HttpResponse<byte[]> r =
        raw("GET", "/v3/pay/transactions/out-trade-no/X123456?mchid=" + V3Fixture.MCH_C, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(new Json().parseObject(r.body()).string("code")).isEqualTo("SIGN_ERROR");
    SignatureHeaders h = SignatureHeaders.from(n -> r.headers().firstValue(n).orElse(null));
    assertThatCode(
            () ->
                new SignatureCheck(
                        new PublicKeyVerifier(
                            sandbox.weChatPayPublicKeyId(),
                            Pem.publicKey(Pem.read(sandbox.weChatPayPublicKey()))))
                    .check(h, r.body()))
        .doesNotThrowAnyException();
  }

  @Test
  void aStaleTimestampIsRefused() throws Exception {
    String path = "/v3/pay/transactions/out-trade-no/X123456?mchid=" + V3Fixture.MCH_C;
    ApiV3Merchant m = V3Fixture.merchantC(sandbox);
    long stale = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();
    Authorization a =
        Authorization.sign(
            new RsaSigner(m.privateKey()),
            m.mchId(),
            m.certificateSerial(),
            "GET",
            path,
            "",
            stale,
            "n0nce");
    assertThat(raw("GET", path, a.header()).statusCode()).isEqualTo(401);
    long fresh = Instant.now().getEpochSecond();
    Authorization ok =
        Authorization.sign(
            new RsaSigner(m.privateKey()),
            m.mchId(),
            m.certificateSerial(),
            "GET",
            path,
            "",
            fresh,
            "n0nce");
    assertThat(raw("GET", path, ok.header()).statusCode()).isEqualTo(404);
  }

  @Test
  void anotherKeyOrAnotherSerialIsASignError() {
    ApiV3Merchant m = V3Fixture.merchantC(sandbox);
    ApiV3Merchant wrongKey =
        new ApiV3Merchant(
            m.appId(), m.mchId(), m.certificateSerial(), stranger.getPrivate(), m.apiV3Key());
    ApiV3Merchant wrongSerial =
        new ApiV3Merchant(
            m.appId(),
            m.mchId(),
            "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C",
            m.privateKey(),
            m.apiV3Key());
    for (ApiV3Merchant bad : new ApiV3Merchant[] {wrongKey, wrongSerial}) {
      ApiV3Result<?> r =
          V3Fixture.client(sandbox, bad, V3Fixture.publicKey(sandbox), Duration.ofSeconds(10))
              .queryByOutTradeNo("X123456");
      assertThat(r).isInstanceOf(ApiV3Result.Refused.class);
      ApiV3Error e = ((ApiV3Result.Refused<?>) r).error();
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.code()).isEqualTo("SIGN_ERROR");
    }
  }

  @Test
  void anAnswerTheClientCannotVerifyIsUnknown() {
    ApiV3Client wrongKey =
        V3Fixture.client(
            sandbox,
            V3Fixture.merchantC(sandbox),
            Verification.publicKey(sandbox.weChatPayPublicKeyId(), stranger.getPublic()),
            Duration.ofSeconds(10));
    assertThat(unknownReason(wrongKey.queryByOutTradeNo("X123456")))
        .isEqualTo(UnknownReason.BAD_SIGNATURE);
    // merchant D is signed with platform certificates: a public-key client sees a foreign serial
    ApiV3Client wrongMode =
        V3Fixture.client(
            sandbox,
            V3Fixture.merchantD(sandbox),
            V3Fixture.publicKey(sandbox),
            Duration.ofSeconds(10));
    assertThat(unknownReason(wrongMode.queryByOutTradeNo("X123456")))
        .isEqualTo(UnknownReason.BAD_SIGNATURE);
  }

  @Test
  void platformCertificatesAreDownloadedCheckedAndRotated() {
    ApiV3Client d = V3Fixture.clientD(sandbox);
    assertThat(refusalCode(d.queryByOutTradeNo("X123456"))).isEqualTo("ORDER_NOT_EXIST");
    String rotated = sandbox.rotatePlatformCertificate();
    assertThat(sandbox.platformCertificateSerial()).isEqualTo(rotated);
    // the next answer is signed by a serial the client has not seen: it refreshes and verifies
    assertThat(refusalCode(d.queryByOutTradeNo("X123457"))).isEqualTo("ORDER_NOT_EXIST");
    assertThat(d.downloadCertificates().orElseThrow()).hasSizeGreaterThanOrEqualTo(2);

    // certificates not issued by the configured CA are not trusted, even if they decrypt
    ApiV3Client otherIssuer =
        V3Fixture.client(
            sandbox,
            V3Fixture.merchantD(sandbox),
            Verification.platformCertificates(
                Pem.certificate(Pem.read(sandbox.apiV3Certificate(V3Fixture.MCH_D)))),
            Duration.ofSeconds(10));
    assertThat(unknownReason(otherIssuer.queryByOutTradeNo("X123456")))
        .isEqualTo(UnknownReason.BAD_SIGNATURE);
    // nor with another APIv3 key: the certificates do not decrypt
    ApiV3Merchant m = V3Fixture.merchantD(sandbox);
    ApiV3Client otherKey =
        V3Fixture.client(
            sandbox,
            new ApiV3Merchant(
                m.appId(),
                m.mchId(),
                m.certificateSerial(),
                m.privateKey(),
                Secret.of("0".repeat(32))),
            V3Fixture.platformCertificates(sandbox),
            Duration.ofSeconds(10));
    assertThat(unknownReason(otherKey.queryByOutTradeNo("X123456")))
        .isEqualTo(UnknownReason.BAD_SIGNATURE);
  }

  @Test
  void aV3OnlyMerchantCannotUseV2AndV2IsUnchangedForTheOthers() {
    var v2OfD =
        Fixture.client(
            sandbox,
            Fixture.clientMerchant(V3Fixture.APP_D, V3Fixture.MCH_D, "k".repeat(32), SignType.MD5),
            null);
    assertThat(v2OfD.queryOrder("X123456")).isInstanceOf(CallResult.CommunicationFailure.class);
    var v2OfC =
        Fixture.client(
            sandbox,
            Fixture.clientMerchant(
                V3Fixture.APP_C, V3Fixture.MCH_C, V3Fixture.V2_KEY_C, SignType.MD5),
            null);
    String no = Fixture.outTradeNo();
    String prepayId =
        v2OfC.unifiedOrder(Fixture.order(no, 5, "http://127.0.0.1:9/n")).orElseThrow().prepayId();
    // one order book: the v3 query sees the v2 order
    assertThat(V3Fixture.clientC(sandbox).queryByOutTradeNo(no).orElseThrow().outTradeNo())
        .isEqualTo(no);
    assertThat(prepayId).isNotBlank();
  }

  private static HttpResponse<byte[]> raw(String method, String path, String authorization)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(Fixture.trustingSandbox(sandbox)).build();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Accept", "application/json");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static UnknownReason unknownReason(ApiV3Result<?> r) {
    assertThat(r).isInstanceOf(ApiV3Result.Unknown.class);
    return ((ApiV3Result.Unknown<?>) r).reason();
  }

  private static String refusalCode(ApiV3Result<?> r) {
    assertThat(r).isInstanceOf(ApiV3Result.Refused.class);
    return ((ApiV3Result.Refused<?>) r).error().code();
  }
}
