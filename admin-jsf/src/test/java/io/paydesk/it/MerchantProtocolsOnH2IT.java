package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each merchant of the registry spoken to in its own way, beside the configured first merchant (API
 * v2): a merchant on API v3 with keys of its own, and a service provider's sub-merchant over the
 * partner API v2. Each pays, is notified at its own notify URL (verified with its keys only) and
 * refunds, against the same sandbox.
 */
@ExtendWith(ArquillianExtension.class)
class MerchantProtocolsOnH2IT {

  static final Duration WAIT = Duration.ofSeconds(45);
  static final String SUCCESS = "<return_code><![CDATA[SUCCESS]]></return_code>";
  static final String FAIL = "<return_code><![CDATA[FAIL]]></return_code>";

  @Deployment(testable = false)
  static WebArchive deployment() {
    var sandbox = TestSandbox.get();
    // the registered merchants' keys reach PayDesk by reference: config keys of this deployment
    return Deployments.paydesk(
        Deployments.Database.H2,
        Map.of(
            "paydesk.it.v3-private-key",
            sandbox.apiV3PrivateKey(TestSandbox.V3_REGISTERED_MCH_ID).toString(),
            "paydesk.it.v3-api-key",
            TestSandbox.V3_REGISTERED_API_V3_KEY,
            "paydesk.it.v3-public-key",
            sandbox.weChatPayPublicKey().toString(),
            "paydesk.it.sp-key",
            TestSandbox.SP_API_KEY,
            "paydesk.it.sp-cert",
            sandbox.clientCertificate(TestSandbox.SP_MCH_ID).toString(),
            // a v3 call signs and verifies with RSA: slower than v2's 3 s on a loaded machine
            "paydesk.wechat.read-timeout",
            "PT10S"));
  }

  @ArquillianResource URL url;

  @Test
  void aRegisteredMerchantOnApiV3PaysIsNotifiedAtItsOwnUrlAndRefunds() {
    var sandbox = TestSandbox.get();
    String mchId = TestSandbox.V3_REGISTERED_MCH_ID;
    register(
        mchId,
        "{\"mchId\":\""
            + mchId
            + "\",\"appId\":\""
            + TestSandbox.V3_REGISTERED_APP_ID
            + "\",\"name\":\"Brand V3\",\"apiVersion\":\"V3\","
            + "\"v3PrivateKeyRef\":\"config:paydesk.it.v3-private-key\","
            + "\"v3CertificateSerial\":\""
            + sandbox.apiV3CertificateSerial(mchId)
            + "\",\"apiV3KeyRef\":\"config:paydesk.it.v3-api-key\","
            + "\"v3PublicKeyId\":\""
            + sandbox.weChatPayPublicKeyId()
            + "\",\"v3PublicKeyRef\":\"config:paydesk.it.v3-public-key\"}");
    Http.Answer shown = admin().get("api/staff/merchants/" + mchId);
    assertThat(shown.json().getString("apiV3KeyRef")).isEqualTo("config:paydesk.it.v3-api-key");
    assertThat(shown.body()).doesNotContain(TestSandbox.V3_REGISTERED_API_V3_KEY);
    Http shop = clientOf(mchId);

    String orderNo = newOrder(shop, 1880);
    JsonObject payment = pay(shop, orderNo);
    JsonObject requestPayment = payment.getJsonObject("requestPayment");
    assertThat(requestPayment.getString("signType")).isEqualTo("RSA");
    assertThat(requestPayment.getString("appId")).isEqualTo(TestSandbox.V3_REGISTERED_APP_ID);
    String prepayId = requestPayment.getString("package").substring("prepay_id=".length());
    assertThat(sandbox.prepayId(mchId, payment.getString("outTradeNo"))).isEqualTo(prepayId);

    // the v2 notify URLs are not this merchant's, nor the v3 URL of the v2 first merchant
    Http wechat = new Http(url).anonymous();
    var fields = Notifications.paid(payment.getString("outTradeNo"), "4200000001", 1880);
    assertThat(
            wechat.postXml("api/wechat/notify/pay/" + mchId, Notifications.signed(fields)).body())
        .contains(FAIL);
    assertThat(wechat.postJson("api/wechat/v3/notify/pay/" + TestSandbox.MCH_ID, "{}").status())
        .isEqualTo(400);

    // the buyer pays: WeChat's v3 notification arrives at /api/wechat/v3/notify/pay/{mchId}
    var paid = sandbox.pay(prepayId);
    awaitStatus(shop, orderNo, "PAID");
    assertThat(
            shop.get("api/orders/" + orderNo)
                .json()
                .getJsonArray("attempts")
                .getJsonObject(0)
                .getString("transactionId"))
        .isEqualTo(paid.transactionId());
    assertThat(shop.get("api/orders/" + orderNo).json().getJsonArray("history").toString())
        .contains("wechat-notification");

    // a refund over v3; its notification at /api/wechat/v3/notify/refund/{mchId}
    String outRefundNo = refund(shop, orderNo, 880);
    awaitRefund(shop, outRefundNo, "REFUNDED");
    assertThat(shop.get("api/orders/" + orderNo).json().getString("status"))
        .isEqualTo("PARTIALLY_REFUNDED");
    assertThat(sandbox.refunds(mchId, payment.getString("outTradeNo"))).hasSize(1);
  }

  @Test
  void aServiceProvidersSubMerchantPaysIsNotifiedAndRefundsThroughThePartnerApi() {
    var sandbox = TestSandbox.get();
    String subMchId = TestSandbox.SUB_MCH_ID;
    register(
        subMchId,
        "{\"mchId\":\""
            + subMchId
            + "\",\"appId\":\""
            + TestSandbox.SUB_APP_ID
            + "\",\"name\":\"Sub-merchant\",\"apiKeyRef\":\"config:paydesk.it.sp-key\","
            + "\"certificateRef\":\"config:paydesk.it.sp-cert\",\"spMchId\":\""
            + TestSandbox.SP_MCH_ID
            + "\",\"spAppId\":\""
            + TestSandbox.SP_APP_ID
            + "\",\"subAppId\":\""
            + TestSandbox.SUB_APP_ID
            + "\"}");
    Http shop = clientOf(subMchId);

    String orderNo = newOrder(shop, 2450);
    JsonObject payment = pay(shop, orderNo);
    String outTradeNo = payment.getString("outTradeNo");
    JsonObject requestPayment = payment.getJsonObject("requestPayment");
    // the buyer pays in the sub-merchant's app; the service provider's key signs
    assertThat(requestPayment.getString("appId")).isEqualTo(TestSandbox.SUB_APP_ID);
    String prepayId = requestPayment.getString("package").substring("prepay_id=".length());
    assertThat(sandbox.prepayId(TestSandbox.SP_MCH_ID, subMchId, outTradeNo)).isEqualTo(prepayId);

    // the service provider's notification naming another sub-merchant, or none, is refused here;
    // and at the first merchant's URL the service provider's key does not verify
    Http wechat = new Http(url).anonymous();
    var fields = Notifications.paid(outTradeNo, Notifications.transactionId(), 2450);
    fields.put("appid", TestSandbox.SP_APP_ID);
    fields.put("mch_id", TestSandbox.SP_MCH_ID);
    String withoutSub = Notifications.signed(fields, TestSandbox.serviceProvider());
    fields.put("sub_mch_id", "1900000999");
    String otherSub = Notifications.signed(fields, TestSandbox.serviceProvider());
    fields.put("sub_mch_id", subMchId);
    String genuine = Notifications.signed(fields, TestSandbox.serviceProvider());
    assertThat(wechat.postXml("api/wechat/notify/pay/" + subMchId, withoutSub).body())
        .contains(FAIL);
    assertThat(wechat.postXml("api/wechat/notify/pay/" + subMchId, otherSub).body()).contains(FAIL);
    assertThat(wechat.postXml("api/wechat/notify/pay", genuine).body()).contains(FAIL);
    assertThat(shop.get("api/orders/" + orderNo).json().getString("status")).isEqualTo("PAYING");

    // the buyer pays: the sandbox notifies /api/wechat/notify/pay/{sub_mch_id}
    var paid = sandbox.pay(prepayId);
    awaitStatus(shop, orderNo, "PAID");
    assertThat(
            shop.get("api/orders/" + orderNo)
                .json()
                .getJsonArray("attempts")
                .getJsonObject(0)
                .getString("transactionId"))
        .isEqualTo(paid.transactionId());

    // a refund with the service provider's certificate, for the sub-merchant
    String outRefundNo = refund(shop, orderNo, 2450);
    awaitRefund(shop, outRefundNo, "REFUNDED");
    assertThat(shop.get("api/orders/" + orderNo).json().getString("status")).isEqualTo("REFUNDED");
    assertThat(shop.get("api/refunds/" + outRefundNo).json().getString("refundId")).isNotBlank();
  }

  private Http admin() {
    return new Http(url).as("admin", Deployments.ADMIN_PASSWORD);
  }

  private void register(String mchId, String json) {
    if (admin().get("api/staff/merchants/" + mchId).status() == 404) {
      Http.Answer registered = admin().postJson("api/staff/merchants", json);
      assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }
  }

  /** An API client acting for merchant {@code mchId}. */
  private Http clientOf(String mchId) {
    Http.Answer created =
        admin()
            .postJson(
                "api/staff/clients",
                "{\"name\":\"shop-"
                    + UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"merchant\":\""
                    + mchId
                    + "\",\"scopes\":[\"orders:write\",\"orders:read\",\"payments:write\","
                    + "\"refunds:request\",\"refunds:read\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Http(url).withKey(created.json().getString("key"));
  }

  private static String newOrder(Http shop, long amount) {
    String orderNo = "MP" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Http.Answer created = shop.postJson("api/orders", Http.order(orderNo, amount));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return orderNo;
  }

  private static JsonObject pay(Http shop, String orderNo) {
    Http.Answer payment = shop.postJson("api/orders/" + orderNo + "/payment", "{}");
    for (int i = 0; i < 3 && payment.status() == 503; i++) {
      // an unknown outcome (a read timeout on a loaded machine): asked again, as a shop would
      payment = shop.postJson("api/orders/" + orderNo + "/payment", "{}");
    }
    assertThat(payment.status()).as(payment.body()).isEqualTo(200);
    return payment.json();
  }

  private static String refund(Http shop, String orderNo, long amount) {
    Http.Answer requested =
        shop.postJson(
            "api/orders/" + orderNo + "/refunds",
            "{\"amount\":"
                + amount
                + ",\"reason\":\"damaged\",\"requestId\":\"r-"
                + UUID.randomUUID()
                + "\"}");
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    return requested.json().getString("outRefundNo");
  }

  private static void awaitStatus(Http shop, String orderNo, String status) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(shop.get("api/orders/" + orderNo).json().getString("status"))
                    .isEqualTo(status));
  }

  private static void awaitRefund(Http shop, String outRefundNo, String status) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Http.Answer refund = shop.get("api/refunds/" + outRefundNo);
              assertThat(refund.status()).as(refund.body()).isEqualTo(200);
              assertThat(refund.json().getString("status")).as(refund.body()).isEqualTo(status);
            });
  }
}
