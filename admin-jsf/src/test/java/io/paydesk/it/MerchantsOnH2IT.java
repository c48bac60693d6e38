package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.it.browser.StaffAccounts;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several merchants in one PayDesk (issue 18) on H2: the registry through the staff API and the
 * console, secrets only by reference.
 */
@ExtendWith(ArquillianExtension.class)
class MerchantsOnH2IT {

  static final String SUCCESS = "<return_code><![CDATA[SUCCESS]]></return_code>";
  static final String FAIL = "<return_code><![CDATA[FAIL]]></return_code>";

  @Deployment(testable = false)
  static WebArchive deployment() {
    // merchant B's key and certificate reach PayDesk by reference: config keys of this deployment
    return Deployments.paydesk(
        Deployments.Database.H2,
        java.util.Map.of(
            "paydesk.it.key-b",
            TestSandbox.API_KEY_B,
            "paydesk.it.cert-b",
            TestSandbox.get().clientCertificate(TestSandbox.MCH_ID_B).toString()));
  }

  @ArquillianResource URL url;

  private Http admin() {
    return new Http(url).as("admin", Deployments.ADMIN_PASSWORD);
  }

  static String merchantJson(String mchId, String name, String keyRef) {
    return "{\"mchId\":\""
        + mchId
        + "\",\"appId\":\"wx5a9b0c1d2e3f4a99\",\"name\":\""
        + name
        + "\",\"apiKeyRef\":\""
        + keyRef
        + "\"}";
  }

  @Test
  void theConfiguredMerchantIsTheFirstAndItsSecretsAreReferencesOnly() {
    Http.Answer first = admin().get("api/staff/merchants/" + TestSandbox.MCH_ID);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    JsonObject json = first.json();
    assertThat(json.getBoolean("first")).isTrue();
    assertThat(json.getBoolean("enabled")).isTrue();
    assertThat(json.getString("appId")).isEqualTo(TestSandbox.APP_ID);
    assertThat(json.getString("apiKeyRef")).isEqualTo("config:paydesk.wechat.api-key");
    assertThat(first.body()).doesNotContain(TestSandbox.API_KEY);
    assertThat(admin().get("api/staff/merchants").body())
        .contains(TestSandbox.MCH_ID)
        .doesNotContain(TestSandbox.API_KEY);
  }

  @Test
  void anAdministratorRegistersChangesAndDisablesAMerchantWithoutARestart() {
    String mchId = "19" + (System.nanoTime() % 100_000_000L);
    Http.Answer created =
        admin().postJson("api/staff/merchants", merchantJson(mchId, "Brand B", "env:IT_KEY_B"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().getString("apiKeyRef")).isEqualTo("env:IT_KEY_B");
    assertThat(created.json().getBoolean("first")).isFalse();
    assertThat(
            admin()
                .postJson("api/staff/merchants", merchantJson(mchId, "Again", "env:IT_KEY_B"))
                .status())
        .isEqualTo(409);

    // a secret given by value is refused and nothing is stored
    String other = mchId + "1";
    Http.Answer byValue =
        admin()
            .postJson(
                "api/staff/merchants",
                merchantJson(other, "Leaky", "192006250b4c09247ec02edce69f6a2d"));
    assertThat(byValue.status()).isEqualTo(400);
    assertThat(byValue.body()).doesNotContain("192006250b4c09247ec02edce69f6a2d");
    assertThat(admin().get("api/staff/merchants/" + other).status()).isEqualTo(404);

    String v3Keys =
        "\"v3PrivateKeyRef\":\"file:/etc/paydesk/b/apiclient_key.pem\","
            + "\"v3CertificateSerial\":\"5157F09EFDC096DE15EBE81A47057A7232F1B8E1\","
            + "\"apiV3KeyRef\":\"env:IT_V3_KEY_B\"";
    Http.Answer changed =
        admin()
            .putJson(
                "api/staff/merchants/" + mchId,
                "{\"appId\":\"wx5a9b0c1d2e3f4a99\",\"name\":\"Brand B2\","
                    + "\"apiVersion\":\"V3\","
                    + v3Keys
                    + "}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().getString("name")).isEqualTo("Brand B2");
    assertThat(changed.json().getString("apiVersion")).isEqualTo("V3");
    assertThat(changed.json().getString("apiV3KeyRef")).isEqualTo("env:IT_V3_KEY_B");
    // the v3 keys by value are refused too; a sub-merchant is served over the partner API v2
    assertThat(
            admin()
                .putJson(
                    "api/staff/merchants/" + mchId,
                    "{\"appId\":\"wx5a9b0c1d2e3f4a99\",\"name\":\"Brand B2\","
                        + "\"apiVersion\":\"V3\",\"v3PrivateKeyRef\":\"-----BEGIN PRIVATE"
                        + " KEY-----\",\"v3CertificateSerial\":\"5157F09E\","
                        + "\"apiV3KeyRef\":\"env:IT_V3_KEY_B\"}")
                .status())
        .isEqualTo(400);
    assertThat(
            admin()
                .putJson(
                    "api/staff/merchants/" + mchId,
                    "{\"appId\":\"wx5a9b0c1d2e3f4a99\",\"name\":\"Brand B2\","
                        + "\"apiVersion\":\"V3\","
                        + v3Keys
                        + ",\"spMchId\":\"1900000100\",\"spAppId\":\"wxsp00000000000001\"}")
                .status())
        .isEqualTo(400);
    Http.Answer partner =
        admin()
            .putJson(
                "api/staff/merchants/" + mchId,
                "{\"appId\":\"wx5a9b0c1d2e3f4a99\",\"name\":\"Brand B2\","
                    + "\"apiKeyRef\":\"alias:it-key-b\","
                    + "\"spMchId\":\"1900000100\",\"spAppId\":\"wxsp00000000000001\"}");
    assertThat(partner.status()).as(partner.body()).isEqualTo(200);
    assertThat(partner.json().getString("apiVersion")).isEqualTo("V2");
    assertThat(partner.json().getString("spMchId")).isEqualTo("1900000100");

    Http.Answer disabled = admin().post("api/staff/merchants/" + mchId + "/disable");
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.json().getBoolean("enabled")).isFalse();
    assertThat(
            admin().post("api/staff/merchants/" + mchId + "/enable").json().getBoolean("enabled"))
        .isTrue();
  }

  @Test
  void otherStaffSeeTheMerchantsButOnlyAnAdministratorChangesThem() {
    String user = "fin." + UUID.randomUUID().toString().substring(0, 8);
    StaffAccounts.ensure(url, user, "FINANCE", "SUPPORT");
    Http finance = new Http(url).as(user, StaffAccounts.PASSWORD);
    assertThat(finance.get("api/staff/merchants").status()).isEqualTo(200);
    assertThat(
            finance
                .postJson("api/staff/merchants", merchantJson("1900000999", "X", "env:X"))
                .status())
        .isEqualTo(403);
    assertThat(finance.post("api/staff/merchants/" + TestSandbox.MCH_ID + "/disable").status())
        .isEqualTo(403);
    // the shop's API client is not staff
    assertThat(new Http(url).get("api/staff/merchants").status()).isEqualTo(403);
  }

  @Test
  void theConsolePageListsTheMerchantsForAnAdministrator() {
    Console console = new Console(url, "admin", Deployments.ADMIN_PASSWORD);
    var page = console.get("admin/merchants/index.xhtml");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains(TestSandbox.MCH_ID).doesNotContain(TestSandbox.API_KEY);
  }

  // ---- issue 18, part 2 and 4: every path knows its merchant, and crossings are refused

  /** Merchant B, registered once per deployment, and an API client that acts for it. */
  private Http clientOfB() {
    if (admin().get("api/staff/merchants/" + TestSandbox.MCH_ID_B).status() == 404) {
      Http.Answer registered =
          admin()
              .postJson(
                  "api/staff/merchants",
                  "{\"mchId\":\""
                      + TestSandbox.MCH_ID_B
                      + "\",\"appId\":\""
                      + TestSandbox.APP_ID_B
                      + "\",\"name\":\"Brand B\",\"apiKeyRef\":\"config:paydesk.it.key-b\","
                      + "\"certificateRef\":\"config:paydesk.it.cert-b\"}");
      assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }
    String name = "shop-b-" + UUID.randomUUID().toString().substring(0, 8);
    Http.Answer created =
        admin()
            .postJson(
                "api/staff/clients",
                "{\"name\":\""
                    + name
                    + "\",\"merchant\":\""
                    + TestSandbox.MCH_ID_B
                    + "\",\"scopes\":[\"orders:write\",\"orders:read\",\"payments:write\","
                    + "\"shipments:write\",\"refunds:request\",\"refunds:read\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().getJsonObject("view").getString("merchant"))
        .isEqualTo(TestSandbox.MCH_ID_B);
    return new Http(url).withKey(created.json().getString("key"));
  }

  /** An order of the first merchant (A), with a payment attempt at the sandbox. */
  private String[] payingOrderOfA(Http shopA) {
    String orderNo = "MA" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    assertThat(shopA.postJson("api/orders", Http.order(orderNo, 1500)).status()).isEqualTo(201);
    Http.Answer payment = shopA.postJson("api/orders/" + orderNo + "/payment", "{}");
    assertThat(payment.status()).as(payment.body()).isEqualTo(200);
    return new String[] {orderNo, payment.json().getString("outTradeNo")};
  }

  @Test
  void aClientOfMerchantBCannotTouchMerchantAsOrderWhichItSeesAsMissing() {
    Http shopA = new Http(url);
    Http shopB = clientOfB();
    String orderNo = payingOrderOfA(shopA)[0];
    assertThat(shopA.get("api/orders/" + orderNo).json().getString("mchId"))
        .isEqualTo(TestSandbox.MCH_ID);

    Http.Answer read = shopB.get("api/orders/" + orderNo);
    assertThat(read.status()).isEqualTo(404);
    assertThat(read.json().getString("code")).isEqualTo("ORDER_NOT_FOUND");
    assertThat(shopB.postJson("api/orders/" + orderNo + "/payment", "{}").status()).isEqualTo(404);
    assertThat(
            shopB
                .postJson(
                    "api/orders/" + orderNo + "/shipment",
                    "{\"carrier\":\"SF\",\"trackingNo\":\"SF1\"}")
                .status())
        .isEqualTo(404);
    assertThat(
            shopB
                .postJson(
                    "api/orders/" + orderNo + "/refunds",
                    "{\"amount\":100,\"reason\":\"x\",\"requestId\":\"r-"
                        + UUID.randomUUID()
                        + "\"}")
                .status())
        .isEqualTo(404);
    assertThat(shopB.get("api/orders/" + orderNo + "/refunds").status()).isEqualTo(404);
    // the same order number for B is taken, without saying by whom
    assertThat(shopB.postJson("api/orders", Http.order(orderNo, 1500)).status()).isEqualTo(409);

    // nothing changed
    assertThat(shopA.get("api/orders/" + orderNo).json().getString("status")).isEqualTo("PAYING");
    assertThat(shopA.get("api/orders/" + orderNo + "/refunds").body()).isEqualTo("[]");
  }

  @Test
  void aNotificationForMerchantAsOrderIsRefusedAtBsUrlOrWithBsKey() {
    Http shopA = new Http(url);
    clientOfB();
    String[] paying = payingOrderOfA(shopA);
    String orderNo = paying[0];
    String outTradeNo = paying[1];
    Http wechat = new Http(url).anonymous();
    var fieldsOfA = Notifications.paid(outTradeNo, Notifications.transactionId(), 1500);

    // A's genuine notification posted to B's URL: B's key does not verify it
    assertThat(
            wechat
                .postXml(
                    "api/wechat/notify/pay/" + TestSandbox.MCH_ID_B,
                    Notifications.signed(fieldsOfA))
                .body())
        .contains(FAIL);
    // signed with B's key but naming A: refused at A's URLs (old and new) and at B's
    String signedByB = Notifications.signed(fieldsOfA, TestSandbox.merchantB());
    assertThat(wechat.postXml("api/wechat/notify/pay", signedByB).body()).contains(FAIL);
    assertThat(wechat.postXml("api/wechat/notify/pay/" + TestSandbox.MCH_ID, signedByB).body())
        .contains(FAIL);
    assertThat(wechat.postXml("api/wechat/notify/pay/" + TestSandbox.MCH_ID_B, signedByB).body())
        .contains(FAIL);
    // B's own notification, about A's out_trade_no: B's key verifies it, but the order is not B's
    var fieldsOfB = Notifications.paid(outTradeNo, Notifications.transactionId(), 1500);
    fieldsOfB.put("appid", TestSandbox.APP_ID_B);
    fieldsOfB.put("mch_id", TestSandbox.MCH_ID_B);
    assertThat(
            wechat
                .postXml(
                    "api/wechat/notify/pay/" + TestSandbox.MCH_ID_B,
                    Notifications.signed(fieldsOfB, TestSandbox.merchantB()))
                .body())
        .contains(FAIL);
    // a merchant PayDesk does not know
    assertThat(
            wechat
                .postXml("api/wechat/notify/pay/1900000999", Notifications.signed(fieldsOfA))
                .body())
        .contains(FAIL);
    assertThat(shopA.get("api/orders/" + orderNo).json().getString("status")).isEqualTo("PAYING");

    // and A's genuine notification at A's own URL is taken
    assertThat(
            wechat
                .postXml(
                    "api/wechat/notify/pay/" + TestSandbox.MCH_ID, Notifications.signed(fieldsOfA))
                .body())
        .contains(SUCCESS);
    assertThat(shopA.get("api/orders/" + orderNo).json().getString("status")).isEqualTo("PAID");
  }

  @Test
  void merchantBsOrderIsPaidAtWeChatAsBAndItsNotificationIsTakenAtBsUrlOnly() {
    Http shopB = clientOfB();
    String orderNo = "MB" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Http.Answer created = shopB.postJson("api/orders", Http.order(orderNo, 900));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().getString("mchId")).isEqualTo(TestSandbox.MCH_ID_B);
    assertThat(new Http(url).get("api/orders/" + orderNo).status()).isEqualTo(404);

    Http.Answer payment = shopB.postJson("api/orders/" + orderNo + "/payment", "{}");
    for (int i = 0; i < 3 && payment.status() == 503; i++) {
      // an unknown outcome (a 3 s read timeout on a loaded machine): asked again, as a shop would
      payment = shopB.postJson("api/orders/" + orderNo + "/payment", "{}");
    }
    assertThat(payment.status()).as(payment.body()).isEqualTo(200);
    // signed for B's appid with B's key
    assertThat(payment.json().getJsonObject("requestPayment").getString("appId"))
        .isEqualTo(TestSandbox.APP_ID_B);
    String outTradeNo = payment.json().getString("outTradeNo");
    var fields = Notifications.paid(outTradeNo, Notifications.transactionId(), 900);
    fields.put("appid", TestSandbox.APP_ID_B);
    fields.put("mch_id", TestSandbox.MCH_ID_B);
    String signedByB = Notifications.signed(fields, TestSandbox.merchantB());
    Http wechat = new Http(url).anonymous();
    assertThat(wechat.postXml("api/wechat/notify/pay", signedByB).body()).contains(FAIL);
    assertThat(shopB.get("api/orders/" + orderNo).json().getString("status")).isEqualTo("PAYING");
    assertThat(wechat.postXml("api/wechat/notify/pay/" + TestSandbox.MCH_ID_B, signedByB).body())
        .contains(SUCCESS);
    assertThat(shopB.get("api/orders/" + orderNo).json().getString("status")).isEqualTo("PAID");
  }

  @Test
  void aDisabledMerchantTakesNoNewOrder() {
    Http shopB = clientOfB();
    assertThat(admin().post("api/staff/merchants/" + TestSandbox.MCH_ID_B + "/disable").status())
        .isEqualTo(200);
    try {
      String orderNo = "MD" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
      Http.Answer refused = shopB.postJson("api/orders", Http.order(orderNo, 900));
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().getString("code")).isEqualTo("MERCHANT_DISABLED");
      assertThat(shopB.get("api/orders/" + orderNo).status()).isEqualTo(404);
    } finally {
      admin().post("api/staff/merchants/" + TestSandbox.MCH_ID_B + "/enable");
    }
  }

  @Test
  void staffLimitedToMerchantBDoNotSeeMerchantAsOrders() {
    Http shopB = clientOfB();
    String orderOfA = payingOrderOfA(new Http(url))[0];
    String orderOfB = "ML" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    assertThat(shopB.postJson("api/orders", Http.order(orderOfB, 700)).status()).isEqualTo(201);
    String user = "sup.b." + UUID.randomUUID().toString().substring(0, 6);
    StaffAccounts.ensure(url, user, "SUPPORT");
    Http.Answer limited =
        admin()
            .putJson(
                "api/staff/users/" + user + "/merchants",
                "{\"merchants\":[\"" + TestSandbox.MCH_ID_B + "\"]}");
    assertThat(limited.status()).as(limited.body()).isEqualTo(200);
    Http support = new Http(url).as(user, StaffAccounts.PASSWORD);

    assertThat(support.get("api/staff/orders?orderNo=" + orderOfA).json().getJsonArray("rows"))
        .isEmpty();
    assertThat(
            support
                .get("api/staff/orders?merchant=" + TestSandbox.MCH_ID + "&orderNo=" + orderOfA)
                .json()
                .getJsonArray("rows"))
        .isEmpty();
    var rowsOfB = support.get("api/staff/orders?orderNo=" + orderOfB).json().getJsonArray("rows");
    assertThat(rowsOfB).hasSize(1);
    assertThat(rowsOfB.getJsonObject(0).getString("mchId")).isEqualTo(TestSandbox.MCH_ID_B);
    // an administrator without a limit sees both, and filters by merchant
    assertThat(admin().get("api/staff/orders?orderNo=" + orderOfA).json().getJsonArray("rows"))
        .hasSize(1);
    assertThat(
            admin()
                .get("api/staff/orders?merchant=" + TestSandbox.MCH_ID_B + "&orderNo=" + orderOfA)
                .json()
                .getJsonArray("rows"))
        .isEmpty();
  }
}
