package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.ClientCertificate;
import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.RefundResponse;
import io.paydesk.wechatpay.client.TrustConfig;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.client.WeChatPayConfig;
import io.paydesk.wechatpay.sign.SignType;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS, the sandbox PKI, and who may call /secapi. */
class TlsAndCertificateTest {
  static SandboxServer sandbox;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    sandbox = sandbox().build().start();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void listensOnLoopbackWithACertificateFor127001AndLocalhostIssuedByItsCa() throws Exception {
    assertThat(sandbox.baseUrl().toString()).startsWith("https://127.0.0.1:");
    X509Certificate ca = readPem(sandbox.caCertificatePem());
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    // the library's client, trusting only ca.pem, with host-name verification, on both names
    assertThat(clientA(sandbox).queryOrder("NOPE").kind())
        .isEqualTo(CallResult.Kind.BUSINESS_FAILURE);
    WeChatPayClient viaLocalhost =
        new WeChatPayClient(
            new WeChatPayConfig(
                URI.create("https://localhost:" + sandbox.port()),
                clientMerchant(APP_A, MCH_A, KEY_A, SignType.MD5),
                TrustConfig.pemFile(sandbox.caCertificatePem()),
                null,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10)));
    assertThat(viaLocalhost.queryOrder("NOPE").kind()).isEqualTo(CallResult.Kind.BUSINESS_FAILURE);
  }

  @Test
  void aClientTrustingOnlyTheJdkCasRefusesTheSandbox() {
    WeChatPayClient jdkTrust =
        new WeChatPayClient(
            new WeChatPayConfig(
                sandbox.baseUrl(),
                clientMerchant(APP_A, MCH_A, KEY_A, SignType.MD5),
                TrustConfig.jdkDefault(),
                null,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10)));
    CallResult<?> result = jdkTrust.queryOrder("X");
    assertThat(result).isInstanceOf(CallResult.NotSent.class);
    assertThat(((CallResult.NotSent<?>) result).reason())
        .isEqualTo(CallResult.NotSentReason.TLS_HANDSHAKE_FAILED);
  }

  @Test
  void exportsOneP12PerMerchantWithPasswordMchIdAndSubjectCnMchIdIssuedByTheCa() throws Exception {
    for (String mchId : new String[] {MCH_A, MCH_B}) {
      Path p12 = sandbox.clientCertificate(mchId);
      assertThat(p12).endsWith(Path.of("merchants", mchId, "apiclient_cert.p12"));
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        store.load(in, mchId.toCharArray());
      }
      String alias = store.aliases().nextElement();
      X509Certificate cert = (X509Certificate) store.getCertificate(alias);
      assertThat(cert.getSubjectX500Principal().getName()).contains("CN=" + mchId);
      cert.verify(readPem(sandbox.caCertificatePem()).getPublicKey());
      assertThat(store.isKeyEntry(alias)).isTrue();
    }
  }

  @Test
  void secapiWithoutACertificateIsRefusedWithReturnCodeFail() throws Exception {
    Map<String, String> answer =
        raw(sandbox, "/secapi/pay/refund", refundFields("X1", "R1"), KEY_A, SignType.MD5);
    assertThat(answer).containsEntry("return_code", "FAIL").containsEntry("return_msg", "证书校验错误");
    assertThat(answer).doesNotContainKey("sign");
  }

  @Test
  void secapiWithAnotherMerchantsCertificateIsRefused() {
    WeChatPayClient aWithBsCert =
        client(sandbox, clientMerchant(APP_A, MCH_A, KEY_A, SignType.MD5), MCH_B);
    CallResult<RefundResponse> result =
        aWithBsCert.refund(new RefundRequest("X2", "R2", 100, 10, null, null, null));
    assertThat(result).isInstanceOf(CallResult.CommunicationFailure.class);
    assertThat(((CallResult.CommunicationFailure<?>) result).returnMsg()).isEqualTo("证书校验错误");
  }

  @Test
  void secapiWithASelfSignedCertificateNamingTheMerchantIsRefused() throws Exception {
    Path p12 = selfSigned(MCH_A);
    WeChatPayClient forged =
        new WeChatPayClient(
            new WeChatPayConfig(
                sandbox.baseUrl(),
                clientMerchant(APP_A, MCH_A, KEY_A, SignType.MD5),
                TrustConfig.pemFile(sandbox.caCertificatePem()),
                new ClientCertificate(p12, Secret.of(MCH_A)),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10)));
    CallResult<RefundResponse> result =
        forged.refund(new RefundRequest("X3", "R3", 100, 10, null, null, null));
    // want-client-auth: the JDK completes the handshake, the per-path check re-verifies the chain
    // against the sandbox CA and refuses it like a missing certificate
    assertThat(result).isInstanceOf(CallResult.CommunicationFailure.class);
    assertThat(((CallResult.CommunicationFailure<?>) result).returnMsg()).isEqualTo("证书校验错误");
    assertThat(sandbox.callLog().last(CallLog.CAPACITY))
        .noneMatch(
            e -> e.reference().contains("outRefundNo=R3") && e.outcome().startsWith("SUCCESS"));
  }

  @Test
  void theRightCertificateReachesTheRefundRules() {
    CallResult<RefundResponse> result =
        clientA(sandbox).refund(new RefundRequest("NEVER-PLACED", "R4", 100, 10, null, null, null));
    assertThat(result).isInstanceOf(CallResult.BusinessFailure.class);
    assertThat(((CallResult.BusinessFailure<?>) result).error().rawCode())
        .isEqualTo("ORDERNOTEXIST");
  }

  static Map<String, String> refundFields(String outTradeNo, String outRefundNo) {
    return new java.util.HashMap<>(
        Map.of(
            "appid", APP_A,
            "mch_id", MCH_A,
            "nonce_str", "n1",
            "out_trade_no", outTradeNo,
            "out_refund_no", outRefundNo,
            "total_fee", "100",
            "refund_fee", "10"));
  }

  static X509Certificate readPem(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static Path selfSigned(String cn) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name name = X500Name.getInstance(new X500Principal("CN=" + cn).getEncoded());
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.ONE,
                        Date.from(Instant.now().minusSeconds(3600)),
                        Date.from(Instant.now().plusSeconds(3600)),
                        name,
                        keys.getPublic())
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("k", keys.getPrivate(), cn.toCharArray(), new Certificate[] {cert});
    Path file = tmp.resolve("forged.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, cn.toCharArray());
    }
    return file;
  }
}
