package io.paydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.auth.WechatPay2Credential;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.RSASigner;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.model.Amount;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayWithRequestPaymentResponse;
import com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.v3.ApiV3Merchant;
import io.paydesk.wechatpay.v3.RequestPayment;
import io.paydesk.wechatpay.v3.crypto.AeadAesGcm;
import io.paydesk.wechatpay.v3.crypto.Authorization;
import io.paydesk.wechatpay.v3.crypto.Pem;
import io.paydesk.wechatpay.v3.crypto.RsaSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PublicKey;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official SDK ({@code com.github.wechatpay-apiv3:wechatpay-java}) as an independent client of
 * the sandbox, public key mode: its requests pass the sandbox's checks, the sandbox's answers and
 * notifications pass the SDK's verification and decryption, and PayDesk's signatures and ciphertext
 * agree with the SDK's byte for byte. The SDK only knows WeChat's host names, so an OkHttp
 * interceptor sends its calls to the sandbox (the signed path and query are unchanged); TLS trusts
 * the sandbox CA only.
 */
class OfficialSdkInteropTest {
  private static SandboxServer sandbox;
  private static RSAPublicKeyConfig config;
  private static HttpClient http;
  private static V3Receiver receiver;
  private static ApiV3Merchant merchant;

  @BeforeAll
  static void start() throws Exception {
    sandbox = V3Fixture.sandbox().build().start();
    receiver = new V3Receiver(0);
    merchant = V3Fixture.merchantC(sandbox);
    config =
        new RSAPublicKeyConfig.Builder()
            .merchantId(V3Fixture.MCH_C)
            .privateKeyFromPath(sandbox.apiV3PrivateKey(V3Fixture.MCH_C).toString())
            .merchantSerialNumber(sandbox.apiV3CertificateSerial(V3Fixture.MCH_C))
            .publicKeyFromPath(sandbox.weChatPayPublicKey().toString())
            .publicKeyId(sandbox.weChatPayPublicKeyId())
            .apiV3Key(V3Fixture.V3_KEY_C)
            .build();
    SSLContext tls = Fixture.trustingSandbox(sandbox);
    int port = sandbox.port();
    OkHttpClient ok =
        new OkHttpClient.Builder()
            .sslSocketFactory(tls.getSocketFactory(), trustManager())
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .url(
                                chain
                                    .request()
                                    .url()
                                    .newBuilder()
                                    .scheme("https")
                                    .host("127.0.0.1")
                                    .port(port)
                                    .build())
                            .build()))
            .build();
    http = new DefaultHttpClientBuilder().config(config).okHttpClient(ok).build();
  }

  @AfterAll
  static void stop() {
    receiver.close();
    sandbox.close();
  }

  @Test
  void theSdkPaysQueriesRefundsAndParsesTheNotifications() {
    JsapiServiceExtension jsapi =
        new JsapiServiceExtension.Builder().config(config).httpClient(http).build();
    String no = Fixture.outTradeNo();
    PrepayRequest request = new PrepayRequest();
    request.setAppid(V3Fixture.APP_C);
    request.setMchid(V3Fixture.MCH_C);
    request.setDescription("SDK 互通");
    request.setOutTradeNo(no);
    request.setNotifyUrl(receiver.url("pay"));
    Amount amount = new Amount();
    amount.setTotal(520);
    request.setAmount(amount);
    Payer payer = new Payer();
    payer.setOpenid(Fixture.OPENID);
    request.setPayer(payer);
    PrepayWithRequestPaymentResponse pay = jsapi.prepayWithRequestPayment(request);

    // the SDK's paySign is PayDesk's: same message, same deterministic signature
    String prepayId = pay.getPackageVal().substring("prepay_id=".length());
    assertThat(pay.getSignType()).isEqualTo("RSA");
    assertThat(
            new RsaSigner(merchant.privateKey())
                .sign(
                    RequestPayment.message(
                        pay.getAppId(),
                        pay.getTimeStamp(),
                        pay.getNonceStr(),
                        pay.getPackageVal())))
        .isEqualTo(pay.getPaySign());

    int before = receiver.count();
    sandbox.pay(prepayId);
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.count() > before);
    V3Receiver.Arrival arrival = receiver.arrivals().get(before);
    NotificationParser parser = new NotificationParser(config);
    Transaction notified = parser.parse(param(arrival), Transaction.class);
    assertThat(notified.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
    assertThat(notified.getOutTradeNo()).isEqualTo(no);
    assertThat(notified.getAmount().getTotal()).isEqualTo(520);

    QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
    query.setMchid(V3Fixture.MCH_C);
    query.setOutTradeNo(no);
    Transaction queried = jsapi.queryOrderByOutTradeNo(query);
    assertThat(queried.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
    assertThat(queried.getTransactionId()).isEqualTo(notified.getTransactionId());

    RefundService refunds = new RefundService.Builder().httpClient(http).build();
    CreateRequest refund = new CreateRequest();
    refund.setOutTradeNo(no);
    refund.setOutRefundNo("SDK" + no);
    refund.setNotifyUrl(receiver.url("refund"));
    AmountReq refundAmount = new AmountReq();
    refundAmount.setRefund(120L);
    refundAmount.setTotal(520L);
    refundAmount.setCurrency("CNY");
    refund.setAmount(refundAmount);
    Refund accepted = refunds.create(refund);
    assertThat(accepted.getStatus()).isEqualTo(Status.PROCESSING);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                receiver.arrivals().stream()
                    .skip(before + 1)
                    .anyMatch(a -> new String(a.body()).contains("REFUND.")));
    V3Receiver.Arrival refundArrival =
        receiver.arrivals().stream()
            .skip(before + 1)
            .filter(a -> new String(a.body()).contains("REFUND."))
            .findFirst()
            .orElseThrow();
    RefundNotification refunded = parser.parse(param(refundArrival), RefundNotification.class);
    assertThat(refunded.getRefundStatus()).isEqualTo(Status.SUCCESS);
    assertThat(refunded.getAmount().getRefund()).isEqualTo(120L);

    QueryByOutRefundNoRequest refundQuery = new QueryByOutRefundNoRequest();
    refundQuery.setOutRefundNo("SDK" + no);
    assertThat(refunds.queryByOutRefundNo(refundQuery).getStatus()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void theSdkSeesWeChatsErrorBodies() {
    JsapiServiceExtension jsapi =
        new JsapiServiceExtension.Builder().config(config).httpClient(http).build();
    QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
    query.setMchid(V3Fixture.MCH_C);
    query.setOutTradeNo("NOSUCHORDER9");
    assertThatThrownBy(() -> jsapi.queryOrderByOutTradeNo(query))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> {
              assertThat(e.getHttpStatusCode()).isEqualTo(404);
              assertThat(e.getErrorCode()).isEqualTo("ORDER_NOT_EXIST");
            });
  }

  @Test
  void theSdksAuthorizationVerifiesWithPayDesksMessageFormat() {
    WechatPay2Credential credential =
        new WechatPay2Credential(
            V3Fixture.MCH_C, new RSASigner(merchant.certificateSerial(), merchant.privateKey()));
    String body = "{\"mchid\":\"" + V3Fixture.MCH_C + "\"}";
    URI uri =
        URI.create(
            "https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/X1%2B2/close?a=b");
    Authorization a = Authorization.parse(credential.getAuthorization(uri, "POST", body));
    assertThat(a).isNotNull();
    assertThat(a.mchId()).isEqualTo(V3Fixture.MCH_C);
    assertThat(a.serialNo()).isEqualTo(merchant.certificateSerial());
    PublicKey merchantKey =
        Pem.certificate(Pem.read(sandbox.apiV3Certificate(V3Fixture.MCH_C))).getPublicKey();
    String message =
        Authorization.message(
            "POST",
            "/v3/pay/transactions/out-trade-no/X1%2B2/close?a=b",
            a.timestamp(),
            a.nonce(),
            body);
    assertThat(RsaSigner.verify(merchantKey, message, a.signature())).isTrue();
    // and PayDesk's signature of the same message is the SDK's, byte for byte
    assertThat(new RsaSigner(merchant.privateKey()).sign(message)).isEqualTo(a.signature());
  }

  @Test
  void theSdkAndPayDeskDecryptEachOthersResources() {
    byte[] key = V3Fixture.V3_KEY_C.getBytes(StandardCharsets.UTF_8);
    AeadAesCipher sdk = new AeadAesCipher(key);
    AeadAesGcm ours = new AeadAesGcm(Secret.of(V3Fixture.V3_KEY_C));
    String ad = "transaction";
    String nonce = "0123456789ab";
    String plain = "{\"out_trade_no\":\"互通\"}";
    String fromSdk =
        sdk.encrypt(
            ad.getBytes(StandardCharsets.UTF_8),
            nonce.getBytes(StandardCharsets.UTF_8),
            plain.getBytes(StandardCharsets.UTF_8));
    assertThat(ours.decrypt(ad, nonce, fromSdk)).isEqualTo(plain);
    assertThat(ours.encrypt(ad, nonce, plain)).isEqualTo(fromSdk);
    assertThat(
            sdk.decrypt(
                ad.getBytes(StandardCharsets.UTF_8),
                nonce.getBytes(StandardCharsets.UTF_8),
                java.util.Base64.getDecoder().decode(ours.encrypt(ad, nonce, plain))))
        .isEqualTo(plain);
  }

  private static RequestParam param(V3Receiver.Arrival a) {
    return new RequestParam.Builder()
        .serialNumber(a.headers().serial())
        .nonce(a.headers().nonce())
        .signature(a.headers().signature())
        .timestamp(a.headers().timestamp())
        .body(new String(a.body(), StandardCharsets.UTF_8))
        .build();
  }

  private static X509TrustManager trustManager() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.certificate(Pem.read(sandbox.caCertificatePem())));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }
}
