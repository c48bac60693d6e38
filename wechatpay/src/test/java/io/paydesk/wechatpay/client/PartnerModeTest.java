package io.paydesk.wechatpay.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.SubMerchant;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.sign.JsapiPayParams;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service-provider (服务商) mode: the SP's key and certificate, acting for a sub-merchant. */
class PartnerModeTest {
  private static final Merchant SERVICE_PROVIDER =
      new Merchant(
          "wxd930ea5d5a258f4f",
          "10000100",
          Secret.of("192006250b4c09247ec02edce69f6a2d"),
          SignType.MD5);
  private static final Signer SP_SIGNER = new Signer(SERVICE_PROVIDER.apiKey());
  private static final SubMerchant WITH_APP = new SubMerchant("1900000109", "wx2421b1c4370ec43b");
  private static final SubMerchant WITHOUT_APP = SubMerchant.of("1900000110");
  private static final WeChatXml XML = new WeChatXml();

  @TempDir Path dir;
  private TestPki pki;
  private TestPki.Issued serverCert;
  private Path clientP12;
  private FakeWeChat server;
  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void pki() throws Exception {
    pki = new TestPki("PayDesk Test CA");
    serverCert = pki.server("127.0.0.1", "localhost");
    clientP12 = pki.client(SERVICE_PROVIDER.mchId()).writeP12(dir, SERVICE_PROVIDER.mchId());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void partnerFieldsAreSignedWithTheServiceProvidersKeyVector() {
    Map<String, String> fields = new HashMap<>();
    fields.put("appid", "wxd930ea5d5a258f4f");
    fields.put("mch_id", "10000100");
    fields.put("sub_mch_id", "1900000109");
    fields.put("sub_appid", "wx2421b1c4370ec43b");
    fields.put("sub_openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    fields.put("body", "test");
    fields.put("nonce_str", "ibuaiVcKdpRxkhJA");

    assertThat(SP_SIGNER.sign(fields, SignType.MD5)).isEqualTo("96EE02E78AB915F7FD68AB1D351B74A7");
    assertThat(SP_SIGNER.sign(fields, SignType.HMAC_SHA256))
        .isEqualTo("84245B29D9560FE20500BA449A6E256B8F4E19A1D17294BBE59570922F70A23C");
  }

  @Test
  void requestPaymentOfASubOpenidOrderRunsUnderTheSubAppidSignedWithTheSpKeyVector() {
    Map<String, String> pay = new LinkedHashMap<>();
    pay.put("appId", "wx2421b1c4370ec43b");
    pay.put("timeStamp", "1414561699");
    pay.put("nonceStr", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
    pay.put("package", "prepay_id=wx201410272009395522657a690389285100");
    pay.put("signType", "MD5");

    assertThat(SP_SIGNER.sign(pay, SignType.MD5)).isEqualTo("6C716B27DD2CF90A2B780C1E587B9802");

    WeChatPayClient sub = client().forSubMerchant(WITH_APP);
    JsapiPayParams params = sub.jsapiPayParams("wx201410272009395522657a690389285100");
    assertThat(params.appId()).isEqualTo("wx2421b1c4370ec43b");
    Map<String, String> signed = new HashMap<>(params.toMap());
    signed.put("sign", signed.remove("paySign"));
    assertThat(SP_SIGNER.isValid(signed, SignType.MD5)).isTrue();
  }

  @Test
  void requestPaymentOfAnOpenidOrderRunsUnderTheServiceProvidersAppid() {
    WeChatPayClient sub = client().forSubMerchant(WITHOUT_APP);

    assertThat(sub.jsapiPayParams("wx1").appId()).isEqualTo(SERVICE_PROVIDER.appId());
    assertThat(sub.payingAppId()).isEqualTo(SERVICE_PROVIDER.appId());
    assertThat(client().forSubMerchant(WITH_APP).payingAppId()).isEqualTo("wx2421b1c4370ec43b");
  }

  @Test
  void aSubMerchantWithItsOwnAppOrdersWithSubOpenid() throws Exception {
    start(false, (seen, exchange) -> answer(exchange, Map.of("prepay_id", "wxP1")));

    CallResult<UnifiedOrderResponse> result =
        client().forSubMerchant(WITH_APP).unifiedOrder(order());

    assertThat(result.orElseThrow().prepayId()).isEqualTo("wxP1");
    Map<String, String> sent = requests.get(0);
    assertThat(sent)
        .containsEntry("appid", SERVICE_PROVIDER.appId())
        .containsEntry("mch_id", SERVICE_PROVIDER.mchId())
        .containsEntry("sub_mch_id", "1900000109")
        .containsEntry("sub_appid", "wx2421b1c4370ec43b")
        .containsEntry("sub_openid", "oBuyerUnderTheSubApp")
        .doesNotContainKey("openid");
    assertThat(SP_SIGNER.isValid(sent, SignType.MD5)).isTrue();
  }

  @Test
  void aSubMerchantWithoutAnAppOrdersWithTheServiceProvidersOpenid() throws Exception {
    start(false, (seen, exchange) -> answer(exchange, Map.of("prepay_id", "wxP2")));

    client().forSubMerchant(WITHOUT_APP).unifiedOrder(order()).orElseThrow();

    assertThat(requests.get(0))
        .containsEntry("sub_mch_id", "1900000110")
        .containsEntry("openid", "oBuyerUnderTheSubApp")
        .doesNotContainKeys("sub_appid", "sub_openid");
  }

  @Test
  void everyCallOfASubMerchantNamesIt() throws Exception {
    start(
        false,
        (seen, exchange) -> {
          switch (seen.path()) {
            case "/pay/orderquery" ->
                answer(
                    exchange,
                    Map.of(
                        "out_trade_no", "T1",
                        "trade_state", "NOTPAY",
                        "sub_mch_id", "1900000109",
                        "sub_openid", "oBuyerUnderTheSubApp"));
            case "/secapi/pay/refund" ->
                answer(
                    exchange,
                    Map.of(
                        "out_trade_no", "T1",
                        "out_refund_no", "R1",
                        "refund_id", "50000",
                        "refund_fee", "1",
                        "total_fee", "1"));
            case "/pay/refundquery" ->
                answer(
                    exchange,
                    Map.of(
                        "out_trade_no", "T1",
                        "total_fee", "1",
                        "refund_count", "1",
                        "out_refund_no_0", "R1",
                        "refund_id_0", "50000",
                        "refund_fee_0", "1",
                        "refund_status_0", "PROCESSING"));
            case "/pay/downloadbill" ->
                reply(exchange, Map.of("return_code", "FAIL", "return_msg", "No Bill Exist"));
            default -> answer(exchange, Map.of());
          }
        });
    WeChatPayClient sub = client().forSubMerchant(WITH_APP);

    OrderQueryResponse query = sub.queryOrder("T1").orElseThrow();
    sub.closeOrder("T1").orElseThrow();
    sub.refund(new RefundRequest("T1", "R1", 1, 1, null, null, null)).orElseThrow();
    sub.queryRefund("R1").orElseThrow();
    sub.queryRefundsOfOrder("T1").orElseThrow();
    assertThat(sub.downloadBill(LocalDate.of(2024, 1, 2), BillType.ALL, false).orElseThrow())
        .matches(BillDownload::isEmpty);

    assertThat(query.subMchId()).isEqualTo("1900000109");
    assertThat(query.subOpenid()).isEqualTo("oBuyerUnderTheSubApp");
    assertThat(requests).hasSize(6);
    for (Map<String, String> sent : requests) {
      assertThat(sent)
          .containsEntry("mch_id", SERVICE_PROVIDER.mchId())
          .containsEntry("sub_mch_id", "1900000109");
      assertThat(SP_SIGNER.isValid(sent, SignType.MD5)).isTrue();
    }
    assertThat(requests.subList(0, 5))
        .allMatch(r -> "wx2421b1c4370ec43b".equals(r.get("sub_appid")));
    assertThat(requests.get(5)).doesNotContainKey("sub_appid");
  }

  @Test
  void aSubMerchantsRefundPresentsTheServiceProvidersCertificate() throws Exception {
    List<String> subjects = new CopyOnWriteArrayList<>();
    start(
        true,
        (seen, exchange) -> {
          subjects.add(
              ((X509Certificate) seen.peerCertificates()[0]).getSubjectX500Principal().getName());
          answer(
              exchange,
              Map.of(
                  "out_trade_no", "T1",
                  "out_refund_no", "R1",
                  "refund_id", "50000",
                  "refund_fee", "1",
                  "total_fee", "1",
                  "sub_mch_id", "1900000109"));
        });

    RefundResponse refund =
        client()
            .forSubMerchant(WITH_APP)
            .refund(new RefundRequest("T1", "R1", 1, 1, null, null, null))
            .orElseThrow();

    assertThat(refund.refundId()).isEqualTo("50000");
    assertThat(subjects).containsExactly("CN=" + SERVICE_PROVIDER.mchId());
    assertThat(requests.get(0)).containsEntry("sub_mch_id", "1900000109");
  }

  @Test
  void theServiceProvidersOwnClientDownloadsTheBillOfAllItsSubMerchants() throws Exception {
    start(
        false,
        (seen, exchange) ->
            reply(exchange, Map.of("return_code", "FAIL", "return_msg", "No Bill Exist")));

    client().downloadBill(LocalDate.of(2024, 1, 2), BillType.ALL, false).orElseThrow();

    assertThat(requests.get(0)).doesNotContainKeys("sub_mch_id", "sub_appid");
  }

  @Test
  void aSubMerchantNeedsAnIdAndAClientActsForOneAtMost() {
    assertThatThrownBy(() -> SubMerchant.of(" ")).isInstanceOf(WeChatPayException.class);
    assertThat(new SubMerchant("1900000109", "").hasOwnApp()).isFalse();
    WeChatPayClient sub = client().forSubMerchant(WITH_APP);
    assertThat(sub.subMerchant()).isEqualTo(WITH_APP);
    assertThat(client().subMerchant()).isNull();
    assertThatThrownBy(() -> sub.forSubMerchant(WITHOUT_APP))
        .isInstanceOf(IllegalStateException.class);
  }

  private void start(boolean needClientAuth, FakeWeChat.Handler handler) throws Exception {
    SSLContext context = TestPki.serverContext(serverCert, pki.caCert());
    server =
        new FakeWeChat(
            context,
            needClientAuth,
            (seen, exchange) -> {
              requests.add(XML.parse(seen.body()));
              handler.handle(seen, exchange);
            });
  }

  private WeChatPayClient client() {
    try {
      return new WeChatPayClient(
          new WeChatPayConfig(
              server == null ? java.net.URI.create("https://127.0.0.1:1") : server.baseUrl(),
              SERVICE_PROVIDER,
              TrustConfig.pemFile(pki.writeCaPem(dir)),
              new ClientCertificate(clientP12, Secret.of(SERVICE_PROVIDER.mchId())),
              Duration.ofSeconds(5),
              Duration.ofSeconds(10)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static UnifiedOrderRequest order() {
    return new UnifiedOrderRequest(
        "T1",
        "PayDesk test",
        1,
        "127.0.0.1",
        "https://shop.example/wechat/notify",
        "oBuyerUnderTheSubApp",
        null,
        null,
        null);
  }

  private static void answer(HttpExchange exchange, Map<String, String> business) throws Exception {
    Map<String, String> fields = new HashMap<>();
    fields.put("return_code", "SUCCESS");
    fields.put("return_msg", "OK");
    fields.put("result_code", "SUCCESS");
    fields.put("appid", SERVICE_PROVIDER.appId());
    fields.put("mch_id", SERVICE_PROVIDER.mchId());
    fields.put("nonce_str", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
    fields.putAll(business);
    fields.put("sign", SP_SIGNER.sign(fields, SignType.MD5));
    reply(exchange, fields);
  }

  private static void reply(HttpExchange exchange, Map<String, String> fields) throws Exception {
    FakeWeChat.reply(exchange, 200, WeChatXml.write(fields).getBytes(StandardCharsets.UTF_8));
  }
}
