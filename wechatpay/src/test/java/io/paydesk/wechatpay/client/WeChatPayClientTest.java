package io.paydesk.wechatpay.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.paydesk.wechatpay.ErrCode;
import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.bill.BillReader;
import io.paydesk.wechatpay.bill.BillRow;
import io.paydesk.wechatpay.client.CallResult.NotSentReason;
import io.paydesk.wechatpay.client.CallResult.UnknownReason;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeChatPayClientTest {
  private static final Merchant MERCHANT =
      new Merchant(
          "wxd930ea5d5a258f4f",
          "10000100",
          Secret.of("192006250b4c09247ec02edce69f6a2d"),
          SignType.MD5);
  private static final Signer SIGNER = new Signer(MERCHANT.apiKey());
  private static final WeChatXml XML = new WeChatXml();
  private static final String BILL =
      "交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率\n"
          + "`2014-11-10 16:33:45,`wx2421b1c4370ec43b,`10000100,`0,`1000,`1001690740201411100005734289,`1415640626,`085e9858e3ba5186aafcbaed1,`MICROPAY,`SUCCESS,`OTHERS,`CNY,`0.01,`0.0,`0,`0,`0,`0,`,`,`被扫支付测试,`订单额外描述,`0,`0.60%\n"
          + "总交易单数,总交易额,总退款金额,总代金券或立减优惠退款金额,手续费总金额\n"
          + "`1,`0.01,`0.0,`0.0,`0\n";

  @TempDir Path dir;
  private TestPki pki;
  private TestPki.Issued serverCert;
  private Path clientP12;
  private FakeWeChat server;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void pki() throws Exception {
    pki = new TestPki("PayDesk Test CA");
    serverCert = pki.server("127.0.0.1", "localhost");
    clientP12 = pki.client(MERCHANT.mchId()).writeP12(dir, MERCHANT.mchId());
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void unifiedOrderIsSignedAndItsVerifiedAnswerTyped() throws Exception {
    start(
        false,
        (request, exchange) -> {
          Map<String, String> fields = XML.parse(request.body());
          SIGNER.verify(fields, SignType.MD5);
          assertThat(fields)
              .containsEntry("trade_type", "JSAPI")
              .containsEntry("total_fee", "1")
              .containsEntry("time_expire", "20241231235959")
              .containsKeys("nonce_str", "sign", "sign_type");
          answer(exchange, Map.of("prepay_id", "wx201410272009395522657a690389285100"));
        });

    CallResult<UnifiedOrderResponse> result = client(pemTrust()).unifiedOrder(order());

    assertThat(result.kind()).isEqualTo(CallResult.Kind.SUCCESS);
    assertThat(result.orElseThrow().prepayId()).isEqualTo("wx201410272009395522657a690389285100");
    assertThat(server.seen).hasSize(1);
    assertThat(server.seen.get(0).path()).isEqualTo("/pay/unifiedorder");
  }

  @Test
  void pkcs12TrustStoreIsAccepted() throws Exception {
    start(false, (request, exchange) -> answer(exchange, Map.of("prepay_id", "p1")));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", pki.caCert());
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = java.nio.file.Files.newOutputStream(file)) {
      store.store(out, "trustpass".toCharArray());
    }

    CallResult<UnifiedOrderResponse> result =
        client(TrustConfig.keyStore(file, "PKCS12", Secret.of("trustpass"))).unifiedOrder(order());

    assertThat(result.kind()).isEqualTo(CallResult.Kind.SUCCESS);
  }

  @Test
  void serverCertificateFromAnUntrustedCaIsRefusedBeforeSending() throws Exception {
    TestPki stranger = new TestPki("Somebody Else");
    server =
        new FakeWeChat(
            TestPki.serverContext(stranger.server("127.0.0.1"), stranger.caCert()),
            false,
            (request, exchange) -> answer(exchange, Map.of("prepay_id", "p1")));

    CallResult<UnifiedOrderResponse> result = client(pemTrust()).unifiedOrder(order());

    assertThat(result)
        .isEqualTo(
            new CallResult.NotSent<>(NotSentReason.TLS_HANDSHAKE_FAILED, "SSLHandshakeException"));
    assertThat(server.seen).isEmpty();
  }

  @Test
  void serverCertificateForAnotherHostIsRefused() throws Exception {
    server =
        new FakeWeChat(
            TestPki.serverContext(pki.server("api.example.invalid"), pki.caCert()),
            false,
            (request, exchange) -> answer(exchange, Map.of("prepay_id", "p1")));

    CallResult<UnifiedOrderResponse> result = client(pemTrust()).unifiedOrder(order());

    assertThat(result.kind()).isEqualTo(CallResult.Kind.NOT_SENT);
    assertThat(server.seen).isEmpty();
  }

  @Test
  void jdkDefaultTrustDoesNotTrustAPrivateCa() throws Exception {
    start(false, (request, exchange) -> answer(exchange, Map.of("prepay_id", "p1")));

    CallResult<UnifiedOrderResponse> result =
        client(TrustConfig.jdkDefault()).unifiedOrder(order());

    assertThat(result.kind()).isEqualTo(CallResult.Kind.NOT_SENT);
    assertThat(server.seen).isEmpty();
  }

  @Test
  void refundPresentsTheMerchantCertificate() throws Exception {
    start(
        true,
        (request, exchange) -> {
          SIGNER.verify(XML.parse(request.body()), SignType.MD5);
          answer(
              exchange,
              Map.of(
                  "out_trade_no", "T1",
                  "transaction_id", "4200000001",
                  "out_refund_no", "R1",
                  "refund_id", "50000001",
                  "refund_fee", "50",
                  "total_fee", "100"));
        });

    CallResult<RefundResponse> result =
        client(pemTrust()).refund(new RefundRequest("T1", "R1", 100, 50, null, null, null));

    assertThat(result.kind()).isEqualTo(CallResult.Kind.SUCCESS);
    assertThat(result.orElseThrow().refundFee()).isEqualTo(50);
    assertThat(server.seen).hasSize(1);
    X509Certificate presented = (X509Certificate) server.seen.get(0).peerCertificates()[0];
    assertThat(presented.getSubjectX500Principal().getName()).isEqualTo("CN=10000100");
    assertThat(server.seen.get(0).path()).isEqualTo("/secapi/pay/refund");
  }

  @Test
  void nonSecapiCallsPresentNoCertificateSoAClientAuthServerRefusesThem() throws Exception {
    start(true, (request, exchange) -> answer(exchange, Map.of("prepay_id", "p1")));

    CallResult<UnifiedOrderResponse> result = client(pemTrust()).unifiedOrder(order());

    assertThat(result.kind()).isNotEqualTo(CallResult.Kind.SUCCESS);
    assertThat(server.seen).isEmpty();
  }

  @Test
  void refundWithoutAConfiguredCertificateIsAProgrammingError() throws Exception {
    WeChatPayClient client =
        new WeChatPayClient(
            new WeChatPayConfig(
                URI.create("https://127.0.0.1:1"),
                MERCHANT,
                pemTrust(),
                null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1)));

    assertThatThrownBy(
            () -> client.refund(new RefundRequest("T1", "R1", 100, 50, null, null, null)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTimeoutAfterTheRequestWasSentIsUnknown() throws Exception {
    start(
        false,
        (request, exchange) -> {
          release.await(30, TimeUnit.SECONDS);
          answer(exchange, Map.of("prepay_id", "late"));
        });

    CallResult<UnifiedOrderResponse> result =
        client(pemTrust(), Duration.ofMillis(300)).unifiedOrder(order());

    assertThat(result)
        .isEqualTo(new CallResult.Unknown<>(UnknownReason.TIMEOUT, "HttpTimeoutException"));
    assertThat(server.seen).hasSize(1);
  }

  @Test
  void aConnectionLostAfterSendingIsUnknown() throws Exception {
    start(
        false,
        (request, exchange) -> {
          throw new IllegalStateException("drop the connection");
        });

    CallResult<UnifiedOrderResponse> result = client(pemTrust()).unifiedOrder(order());

    assertThat(result.kind()).isEqualTo(CallResult.Kind.UNKNOWN);
    assertThat(((CallResult.Unknown<?>) result).reason()).isEqualTo(UnknownReason.CONNECTION_LOST);
  }

  @Test
  void aRefusedConnectionIsNotSent() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    WeChatPayClient client =
        new WeChatPayClient(
            new WeChatPayConfig(
                URI.create("https://127.0.0.1:" + port),
                MERCHANT,
                pemTrust(),
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2)));

    CallResult<OrderQueryResponse> result = client.queryOrder("T1");

    assertThat(result.kind()).isEqualTo(CallResult.Kind.NOT_SENT);
    assertThat(((CallResult.NotSent<?>) result).reason()).isEqualTo(NotSentReason.CONNECT_FAILED);
  }

  @Test
  void returnCodeFailIsACommunicationFailure() throws Exception {
    start(
        false,
        (request, exchange) ->
            reply(exchange, Map.of("return_code", "FAIL", "return_msg", "签名错误")));

    CallResult<OrderQueryResponse> result = client(pemTrust()).queryOrder("T1");

    assertThat(result).isInstanceOf(CallResult.CommunicationFailure.class);
    assertThat(((CallResult.CommunicationFailure<?>) result).returnMsg()).isEqualTo("签名错误");
  }

  @Test
  void resultCodeFailIsABusinessFailureWithItsErrCode() throws Exception {
    start(
        false,
        (request, exchange) ->
            answer(
                exchange,
                Map.of("result_code", "FAIL", "err_code", "ORDERPAID", "err_code_des", "订单已支付")));

    CallResult<CloseOrderResponse> result = client(pemTrust()).closeOrder("T1");

    assertThat(result).isInstanceOf(CallResult.BusinessFailure.class);
    CallResult.BusinessFailure<?> failure = (CallResult.BusinessFailure<?>) result;
    assertThat(failure.error().code()).isEqualTo(ErrCode.ORDERPAID);
    assertThat(failure.error().description()).isEqualTo("订单已支付");
  }

  @Test
  void anUnrecognizedErrCodeKeepsItsRawText() throws Exception {
    start(
        false,
        (request, exchange) ->
            answer(exchange, Map.of("result_code", "FAIL", "err_code", "BRAND_NEW_CODE")));

    CallResult<OrderQueryResponse> result = client(pemTrust()).queryOrder("T1");

    CallResult.BusinessFailure<?> failure = (CallResult.BusinessFailure<?>) result;
    assertThat(failure.error().code()).isEqualTo(ErrCode.UNRECOGNIZED);
    assertThat(failure.error().rawCode()).isEqualTo("BRAND_NEW_CODE");
  }

  @Test
  void anAnswerWhoseSignatureDoesNotVerifyIsRejectedAsUnknown() throws Exception {
    start(
        false,
        (request, exchange) -> {
          Map<String, String> fields = signedAnswer(Map.of("out_trade_no", "T1"));
          fields.put("trade_state", "SUCCESS"); // added after signing
          reply(exchange, fields);
        });

    CallResult<OrderQueryResponse> result = client(pemTrust()).queryOrder("T1");

    assertThat(result)
        .isEqualTo(
            new CallResult.Unknown<>(UnknownReason.BAD_SIGNATURE, "InvalidSignatureException"));
  }

  @Test
  void anUnsignedSuccessAnswerIsRejected() throws Exception {
    start(
        false,
        (request, exchange) -> {
          Map<String, String> fields = signedAnswer(Map.of("prepay_id", "p1"));
          fields.remove("sign");
          reply(exchange, fields);
        });

    assertThat(client(pemTrust()).unifiedOrder(order()).kind()).isEqualTo(CallResult.Kind.UNKNOWN);
  }

  @Test
  void aServerErrorIsUnknown() throws Exception {
    start(false, (request, exchange) -> FakeWeChat.reply(exchange, 502, new byte[0]));

    CallResult<OrderQueryResponse> result = client(pemTrust()).queryOrder("T1");

    assertThat(((CallResult.Unknown<?>) result).reason()).isEqualTo(UnknownReason.HTTP_STATUS);
  }

  @Test
  void anUnparseableAnswerIsUnknown() throws Exception {
    start(
        false,
        (request, exchange) ->
            FakeWeChat.reply(exchange, 200, "<html>busy</html>".getBytes(StandardCharsets.UTF_8)));

    CallResult<OrderQueryResponse> result = client(pemTrust()).queryOrder("T1");

    assertThat(((CallResult.Unknown<?>) result).reason()).isEqualTo(UnknownReason.UNPARSEABLE);
  }

  @Test
  void orderQueryIsTyped() throws Exception {
    start(
        false,
        (request, exchange) ->
            answer(
                exchange,
                Map.of(
                    "out_trade_no", "T1",
                    "trade_state", "SUCCESS",
                    "transaction_id", "4200000001",
                    "total_fee", "100",
                    "time_end", "20141030133525")));

    OrderQueryResponse response = client(pemTrust()).queryOrder("T1").orElseThrow();

    assertThat(response.tradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(response.totalFee()).isEqualTo(100L);
    assertThat(response.timeEnd()).isEqualTo(java.time.Instant.parse("2014-10-30T05:35:25Z"));
  }

  @Test
  void downloadBillStreamsAPlainBill() throws Exception {
    start(
        false,
        (request, exchange) -> {
          assertThat(XML.parse(request.body())).containsEntry("bill_type", "ALL");
          FakeWeChat.reply(exchange, 200, BILL.getBytes(StandardCharsets.UTF_8));
        });

    List<BillRow> rows = downloadRows(false);

    assertThat(rows).extracting(BillRow::outTradeNo).containsExactly("1415640626");
  }

  @Test
  void downloadBillStreamsAGzipBill() throws Exception {
    start(
        false,
        (request, exchange) -> {
          assertThat(XML.parse(request.body())).containsEntry("tar_type", "GZIP");
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(BILL.getBytes(StandardCharsets.UTF_8));
          }
          FakeWeChat.reply(exchange, 200, bytes.toByteArray());
        });

    assertThat(downloadRows(true)).hasSize(1);
  }

  @Test
  void noBillExistIsAnEmptyBill() throws Exception {
    start(
        false,
        (request, exchange) ->
            reply(
                exchange,
                Map.of(
                    "return_code", "FAIL", "return_msg", "No Bill Exist", "error_code", "20002")));

    try (BillDownload bill =
        client(pemTrust())
            .downloadBill(LocalDate.of(2024, 1, 2), BillType.ALL, false)
            .orElseThrow()) {
      assertThat(bill.isEmpty()).isTrue();
    }
  }

  @Test
  void aBillErrorIsTyped() throws Exception {
    start(
        false,
        (request, exchange) ->
            reply(
                exchange,
                Map.of(
                    "return_code",
                    "FAIL",
                    "return_msg",
                    "invalid bill_date",
                    "error_code",
                    "20001")));

    CallResult<BillDownload> result =
        client(pemTrust()).downloadBill(LocalDate.of(2024, 1, 2), BillType.ALL, false);

    assertThat(result).isInstanceOf(CallResult.CommunicationFailure.class);
    assertThat(((CallResult.CommunicationFailure<?>) result).fields())
        .containsEntry("error_code", "20001");
  }

  @Test
  void configurationNeverShowsItsSecrets() throws Exception {
    WeChatPayConfig config =
        new WeChatPayConfig(
            URI.create("https://127.0.0.1:1"),
            MERCHANT,
            TrustConfig.keyStore(dir.resolve("t.p12"), "PKCS12", Secret.of("trust-secret")),
            new ClientCertificate(clientP12, Secret.of("p12-secret")),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    assertThat(config.toString())
        .contains("10000100")
        .doesNotContain("192006250b4c09247ec02edce69f6a2d", "p12-secret", "trust-secret");
  }

  private List<BillRow> downloadRows(boolean gzip) throws Exception {
    try (BillDownload bill =
            client(pemTrust())
                .downloadBill(LocalDate.of(2014, 11, 10), BillType.ALL, gzip)
                .orElseThrow();
        BillReader reader = bill.reader()) {
      return reader.stream().toList();
    }
  }

  private void start(boolean needClientAuth, FakeWeChat.Handler handler) throws Exception {
    SSLContext context = TestPki.serverContext(serverCert, pki.caCert());
    server = new FakeWeChat(context, needClientAuth, handler);
  }

  private TrustConfig pemTrust() throws Exception {
    return TrustConfig.pemFile(pki.writeCaPem(dir));
  }

  private WeChatPayClient client(TrustConfig trust) {
    return client(trust, Duration.ofSeconds(10));
  }

  private WeChatPayClient client(TrustConfig trust, Duration requestTimeout) {
    URI base = server == null ? URI.create("https://127.0.0.1:1") : server.baseUrl();
    return new WeChatPayClient(
        new WeChatPayConfig(
            base,
            MERCHANT,
            trust,
            new ClientCertificate(clientP12, Secret.of(MERCHANT.mchId())),
            Duration.ofSeconds(5),
            requestTimeout));
  }

  private static UnifiedOrderRequest order() {
    return new UnifiedOrderRequest(
        "T1",
        "PayDesk test",
        1,
        "127.0.0.1",
        "https://shop.example/wechat/notify",
        "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        null,
        java.time.Instant.parse("2024-12-31T15:59:59Z"),
        null);
  }

  private static Map<String, String> signedAnswer(Map<String, String> business) {
    Map<String, String> fields = new HashMap<>();
    fields.put("return_code", "SUCCESS");
    fields.put("return_msg", "OK");
    fields.put("result_code", "SUCCESS");
    fields.put("appid", MERCHANT.appId());
    fields.put("mch_id", MERCHANT.mchId());
    fields.put("nonce_str", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
    fields.putAll(business);
    fields.put("sign", SIGNER.sign(fields, SignType.MD5));
    return fields;
  }

  private static void answer(HttpExchange exchange, Map<String, String> business) throws Exception {
    reply(exchange, signedAnswer(business));
  }

  private static void reply(HttpExchange exchange, Map<String, String> fields) throws Exception {
    FakeWeChat.reply(exchange, 200, WeChatXml.write(fields).getBytes(StandardCharsets.UTF_8));
  }
}
