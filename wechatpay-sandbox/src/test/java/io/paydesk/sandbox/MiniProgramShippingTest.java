package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.client.TrustConfig;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.miniprogram.AccessToken;
import io.paydesk.wechatpay.miniprogram.MiniProgramClient;
import io.paydesk.wechatpay.miniprogram.MiniProgramConfig;
import io.paydesk.wechatpay.miniprogram.MiniProgramErrors;
import io.paydesk.wechatpay.miniprogram.MiniProgramResult;
import io.paydesk.wechatpay.miniprogram.OrderKey;
import io.paydesk.wechatpay.miniprogram.ShippingInfo;
import io.paydesk.wechatpay.miniprogram.ShippingState;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mini-program server API (stable_token, upload_shipping_info, get_order) as the protocol
 * library's {@link MiniProgramClient} sees it: tokens cached, renewed before and after expiry,
 * WeChat's checks and errcodes, and the faults.
 */
class MiniProgramShippingTest {
  static final Secret APP_SECRET = Secret.of("a3f1c2d4e5b6a7980123456789abcdef");
  static final MutableClock CLOCK = new MutableClock();
  static SandboxServer sandbox;
  static WeChatPayClient pay;

  @BeforeAll
  static void start() {
    sandbox = sandbox().clock(CLOCK).miniProgram(APP_A, APP_SECRET).build().start();
    pay = clientA(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void faultsOff() {
    sandbox.miniPrograms().reset();
  }

  MiniProgramClient client(Secret secret) {
    return new MiniProgramClient(
        new MiniProgramConfig(
            sandbox.baseUrl(),
            APP_A,
            secret,
            TrustConfig.pemFile(sandbox.caCertificatePem()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            CLOCK));
  }

  SandboxServer.Payment paid() {
    String no = outTradeNo();
    pay.unifiedOrder(order(no, 1999, "https://shop.example.com/n")).orElseThrow();
    return sandbox.pay(sandbox.prepayId(MCH_A, no));
  }

  static ShippingInfo express(OrderKey key, String company, String contact) {
    return new ShippingInfo(
        key,
        ShippingInfo.LogisticsType.EXPRESS,
        new ShippingInfo.Parcel("SF1234567890", company, "T恤*1", contact),
        OffsetDateTime.now(ZoneOffset.ofHours(8)),
        OPENID);
  }

  @Test
  void anUploadIsRecordedAndGetOrderShowsIt() {
    MiniProgramClient client = client(APP_SECRET);
    SandboxServer.Payment p = paid();

    MiniProgramResult<Void> upload =
        client.uploadShippingInfo(
            express(OrderKey.ofMerchant(MCH_A, p.outTradeNo()), "SF", "138****8000"));

    assertThat(upload).isInstanceOf(MiniProgramResult.Success.class);
    ShippingState state =
        ((MiniProgramResult.Success<ShippingState>)
                client.getOrder(OrderKey.ofTransaction(p.transactionId())))
            .value();
    assertThat(state.orderState()).isEqualTo(ShippingState.SHIPPED);
    assertThat(state.outTradeNo()).isEqualTo(p.outTradeNo());
    assertThat(state.shipping().objects("shipping_list").get(0).string("tracking_no"))
        .isEqualTo("SF1234567890");
    assertThat(sandbox.miniPrograms().uploaded(p.transactionId())).containsKey("payer");
  }

  @Test
  void theSameUploadAgainIsNotAChangeAndASecondChangeIsRefused() {
    MiniProgramClient client = client(APP_SECRET);
    SandboxServer.Payment p = paid();
    OrderKey key = OrderKey.ofTransaction(p.transactionId());
    assertThat(client.uploadShippingInfo(express(key, "ZTO", null)))
        .isInstanceOf(MiniProgramResult.Success.class);

    assertThat(refusal(client.uploadShippingInfo(express(key, "ZTO", null))))
        .isEqualTo(MiniProgramErrors.SHIPPING_NOT_CHANGED);
    assertThat(client.uploadShippingInfo(express(key, "YTO", null)))
        .isInstanceOf(MiniProgramResult.Success.class);
    assertThat(refusal(client.uploadShippingInfo(express(key, "STO", null))))
        .isEqualTo(MiniProgramErrors.SHIPPING_ALREADY_CHANGED);
  }

  @Test
  void unknownPaymentsAnotherPayerAndABadFormAreRefusedWithWeChatsCodes() {
    MiniProgramClient client = client(APP_SECRET);
    assertThat(
            refusal(
                client.uploadShippingInfo(
                    express(OrderKey.ofTransaction("4200000000000000000000000000"), "ZTO", null))))
        .isEqualTo(MiniProgramErrors.ORDER_NOT_FOUND);

    SandboxServer.Payment p = paid();
    ShippingInfo otherPayer =
        new ShippingInfo(
            OrderKey.ofTransaction(p.transactionId()),
            ShippingInfo.LogisticsType.SELF_PICKUP,
            new ShippingInfo.Parcel(null, null, "T恤*1", null),
            OffsetDateTime.now(),
            "o-someone-else");
    assertThat(refusal(client.uploadShippingInfo(otherPayer)))
        .isEqualTo(MiniProgramErrors.PAYER_MISMATCH);
  }

  @Test
  void rawRequestsGetTheFormErrcodes() throws Exception {
    MiniProgramClient client = client(APP_SECRET);
    String token =
        ((MiniProgramResult.Success<AccessToken>) client.accessToken()).value().token().reveal();
    SandboxServer.Payment p = paid();
    String key = "{\"order_number_type\":2,\"transaction_id\":\"" + p.transactionId() + "\"}";
    String payer = "\"payer\":{\"openid\":\"" + OPENID + "\"}";
    String parcel = "[{\"item_desc\":\"T恤*1\"}]";
    assertThat(raw(token, "{\"order_key\":" + key + "}")).containsEntry("errcode", 47001L);
    assertThat(
            raw(
                token,
                "{\"order_key\":"
                    + key
                    + ",\"logistics_type\":9,\"delivery_mode\":1,\"shipping_list\":"
                    + parcel
                    + ",\"upload_time\":\"2026-12-05T10:00:00+08:00\","
                    + payer
                    + "}"))
        .containsEntry("errcode", 10060005L);
    assertThat(
            raw(
                token,
                "{\"order_key\":"
                    + key
                    + ",\"logistics_type\":4,\"delivery_mode\":1,\"shipping_list\":"
                    + parcel
                    + ",\"upload_time\":\"2026-12-05 10:00\","
                    + payer
                    + "}"))
        .containsEntry("errcode", 268485216L);
    assertThat(
            raw(
                token,
                "{\"order_key\":"
                    + key
                    + ",\"logistics_type\":1,\"delivery_mode\":1,\"shipping_list\":"
                    + parcel
                    + ",\"upload_time\":\"2026-12-05T10:00:00+08:00\","
                    + payer
                    + "}"))
        .containsEntry("errcode", 268485226L);
    assertThat(
            raw(
                token,
                "{\"order_key\":"
                    + key
                    + ",\"logistics_type\":1,\"delivery_mode\":1,\"shipping_list\":[{\"tracking_no\":\"SF1\","
                    + "\"express_company\":\"SF\",\"item_desc\":\"T恤*1\",\"contact\":{\"receiver_contact\":\"13800138000\"}}],"
                    + "\"upload_time\":\"2026-12-05T10:00:00+08:00\","
                    + payer
                    + "}"))
        .containsEntry("errcode", 47001L);
  }

  @Test
  void aTokenIsCachedRenewedBeforeItExpiresAndReplacedWhenWeChatSaysItExpired() {
    MiniProgramClient client = client(APP_SECRET);
    AccessToken first = ((MiniProgramResult.Success<AccessToken>) client.accessToken()).value();
    AccessToken again = ((MiniProgramResult.Success<AccessToken>) client.accessToken()).value();
    assertThat(again).isSameAs(first);

    CLOCK.advance(Duration.ofHours(2).minusMinutes(4));
    AccessToken renewed = ((MiniProgramResult.Success<AccessToken>) client.accessToken()).value();
    assertThat(renewed.expiresAt()).isAfter(first.expiresAt());

    int issued = sandbox.miniPrograms().tokensIssued();
    sandbox.miniPrograms().expireTokens();
    SandboxServer.Payment p = paid();
    assertThat(
            client.uploadShippingInfo(
                express(OrderKey.ofTransaction(p.transactionId()), "ZTO", null)))
        .isInstanceOf(MiniProgramResult.Success.class);
    assertThat(sandbox.miniPrograms().tokensIssued()).isEqualTo(issued + 1);
  }

  @Test
  void aForcedRefreshEndsThePreviousToken() {
    MiniProgramClient client = client(APP_SECRET);
    AccessToken old = ((MiniProgramResult.Success<AccessToken>) client.stableToken(false)).value();
    AccessToken forced =
        ((MiniProgramResult.Success<AccessToken>) client.stableToken(true)).value();
    assertThat(forced.token().reveal()).isNotEqualTo(old.token().reveal());
  }

  @Test
  void aWrongSecretIsRefusedAndNeverShown() {
    MiniProgramResult<AccessToken> result = client(Secret.of("wrong")).stableToken(false);
    assertThat(refusal(result)).isEqualTo(MiniProgramErrors.INVALID_APPSECRET);
    assertThat(result.toString()).doesNotContain(APP_SECRET.reveal());
  }

  @Test
  void whileWeChatIsDownTheOutcomeIsUnknownAndInjectedCodesAreAnswered() {
    MiniProgramClient client = client(APP_SECRET);
    SandboxServer.Payment p = paid();
    ShippingInfo info = express(OrderKey.ofTransaction(p.transactionId()), "ZTO", null);
    client.accessToken();
    sandbox.miniPrograms().downFor(Duration.ofMinutes(1));
    assertThat(client.uploadShippingInfo(info)).isInstanceOf(MiniProgramResult.Unknown.class);
    sandbox.miniPrograms().downFor(Duration.ZERO).failUploads(MiniProgramErrors.SYSTEM_BUSY, 1);
    assertThat(refusal(client.uploadShippingInfo(info))).isEqualTo(MiniProgramErrors.SYSTEM_BUSY);
    assertThat(client.uploadShippingInfo(info)).isInstanceOf(MiniProgramResult.Success.class);
  }

  private static int refusal(MiniProgramResult<?> result) {
    assertThat(result).isInstanceOf(MiniProgramResult.Refused.class);
    return ((MiniProgramResult.Refused<?>) result).errcode();
  }

  private Map<String, Object> raw(String token, String body) throws Exception {
    HttpResponse<String> response =
        https(sandbox)
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            sandbox.baseUrl()
                                + "/wxa/sec/order/upload_shipping_info?access_token="
                                + token))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new io.paydesk.wechatpay.v3.json.Json().parseObject(response.body()).asMap();
  }
}
