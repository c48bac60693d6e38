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
    // the console's order list does not even offer merchant A to filter by
    var consoleList =
        new Console(url, user, StaffAccounts.PASSWORD).get("admin/orders/index.xhtml").html();
    assertThat(consoleList).contains(orderOfB).doesNotContain(TestSandbox.MCH_ID + "\"");
    assertThat(
            new Console(url, "admin", Deployments.ADMIN_PASSWORD)
                .get("admin/orders/index.xhtml")
                .html())
        .contains("value=\"" + TestSandbox.MCH_ID + "\"");
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

  // ---- issue 18, part 3: refunds and reconciliation per merchant, and staff limited to merchants

  /** A member of staff with {@code role}, limited to merchant B. */
  private Http staffOfB(String role) {
    String user = role.toLowerCase() + ".b." + UUID.randomUUID().toString().substring(0, 6);
    StaffAccounts.ensure(url, user, role);
    Http.Answer limited =
        admin()
            .putJson(
                "api/staff/users/" + user + "/merchants",
                "{\"merchants\":[\"" + TestSandbox.MCH_ID_B + "\"]}");
    assertThat(limited.status()).as(limited.body()).isEqualTo(200);
    return new Http(url).as(user, StaffAccounts.PASSWORD);
  }

  /** A's order paid by a notification dated now (Beijing), which WeChat's bill does not list. */
  private String[] paidOrderOfAOnlyInPayDesk(Http shopA) {
    String[] paying = payingOrderOfA(shopA);
    var fields = Notifications.paid(paying[1], Notifications.transactionId(), 1500);
    fields.put(
        "time_end",
        java.time.LocalDateTime.now(java.time.ZoneOffset.ofHours(8))
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
    assertThat(
            new Http(url)
                .anonymous()
                .postXml(
                    "api/wechat/notify/pay/" + TestSandbox.MCH_ID, Notifications.signed(fields))
                .body())
        .contains(SUCCESS);
    assertThat(shopA.get("api/orders/" + paying[0]).json().getString("status")).isEqualTo("PAID");
    return paying;
  }

  /** An order of the shop {@code shop} paid at the sandbox for real (as merchant {@code mchId}). */
  private String[] paidAtWeChat(Http shop, String mchId, long fen) {
    String orderNo = "MW" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    assertThat(shop.postJson("api/orders", Http.order(orderNo, fen)).status()).isEqualTo(201);
    Http.Answer payment = shop.postJson("api/orders/" + orderNo + "/payment", "{}");
    for (int i = 0; i < 3 && payment.status() == 503; i++) {
      payment = shop.postJson("api/orders/" + orderNo + "/payment", "{}");
    }
    assertThat(payment.status()).as(payment.body()).isEqualTo(200);
    String outTradeNo = payment.json().getString("outTradeNo");
    TestSandbox.get().pay(TestSandbox.get().prepayId(mchId, outTradeNo));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(shop.get("api/orders/" + orderNo).json().getString("status"))
                    .isEqualTo("PAID"));
    return new String[] {orderNo, outTradeNo};
  }

  @Test
  void staffLimitedToMerchantBCannotReachMerchantAsRefunds() {
    Http shopA = new Http(url);
    clientOfB();
    String orderOfA = paidOrderOfAOnlyInPayDesk(shopA)[0];
    Http.Answer requested =
        shopA.postJson(
            "api/orders/" + orderOfA + "/refunds",
            "{\"amount\":100,\"reason\":\"damaged\",\"requestId\":\"r-"
                + UUID.randomUUID()
                + "\"}");
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    String refundOfA = requested.json().getString("outRefundNo");
    Http finance = staffOfB("FINANCE");

    // another merchant's refund id: refused as missing, and nothing changes
    Http.Answer approve = finance.post("api/staff/refunds/" + refundOfA + "/approval");
    assertThat(approve.status()).as(approve.body()).isEqualTo(404);
    assertThat(approve.body()).doesNotContain(orderOfA);
    Http.Answer reject =
        finance.postJson(
            "api/staff/refunds/" + refundOfA + "/rejection", "{\"reason\":\"not ours\"}");
    assertThat(reject.status()).as(reject.body()).isEqualTo(404);
    // (a refund below the automatic-approval amount goes on to WeChat on its own meanwhile)
    assertThat(shopA.get("api/refunds/" + refundOfA).body())
        .doesNotContain("REJECTED")
        .doesNotContain("not ours");
    // a refund of A's order asked for by B's staff: the order is missing for them
    assertThat(
            finance
                .postJson(
                    "api/staff/orders/" + orderOfA + "/refunds",
                    "{\"amount\":100,\"reason\":\"x\",\"requestId\":\"s-"
                        + UUID.randomUUID()
                        + "\"}")
                .status())
        .isEqualTo(404);
    // the export: A's refund is not in B's staff's file, it is in the administrator's
    Http.Answer csvOfB = finance.get("api/staff/refunds/export?orderNo=" + orderOfA);
    assertThat(csvOfB.status()).as(csvOfB.body()).isEqualTo(200);
    assertThat(csvOfB.body()).doesNotContain(refundOfA);
    assertThat(admin().get("api/staff/refunds/export?orderNo=" + orderOfA).body())
        .contains(refundOfA);
  }

  @Test
  void twoMerchantsBillsOfOneDayAreReconciledApartAndLimitedStaffSeeOnlyTheirs() {
    Http shopA = new Http(url);
    Http shopB = clientOfB();
    String[] ofA = paidAtWeChat(shopA, TestSandbox.MCH_ID, 1300);
    String[] ofB = paidAtWeChat(shopB, TestSandbox.MCH_ID_B, 700);
    String onlyInPayDesk = paidOrderOfAOnlyInPayDesk(shopA)[1];
    String today = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8)).toString();

    JsonObject dayOfA = reconcile(TestSandbox.MCH_ID, today);
    JsonObject dayOfB = reconcile(TestSandbox.MCH_ID_B, today);

    assertThat(dayOfB.getJsonObject("day").getString("mchId")).isEqualTo(TestSandbox.MCH_ID_B);
    assertThat(dayOfB.getJsonObject("day").getJsonObject("wechat").getInt("paymentCount"))
        .isPositive();
    assertThat(tradesIn(dayOfB)).doesNotContain(ofA[1], onlyInPayDesk).doesNotContain(ofB[1]);
    assertThat(dayOfA.getJsonObject("day").getString("mchId")).isEqualTo(TestSandbox.MCH_ID);
    assertThat(tradesIn(dayOfA)).doesNotContain(ofA[1], ofB[1]).contains(onlyInPayDesk);
    long discrepancyOfA =
        dayOfA.getJsonArray("discrepancies").stream()
            .map(jakarta.json.JsonValue::asJsonObject)
            .filter(d -> onlyInPayDesk.equals(d.getString("outTradeNo", null)))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();

    // the administrator filters the days by merchant
    var daysOfB = array(admin().get("api/reconciliation?merchant=" + TestSandbox.MCH_ID_B));
    assertThat(daysOfB)
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.getString("mchId")).isEqualTo(TestSandbox.MCH_ID_B));

    // staff limited to B: A's day, run, export and discrepancy are refused, never shown
    Http finance = staffOfB("FINANCE");
    String ofMerchantA = "?merchant=" + TestSandbox.MCH_ID;
    Http.Answer report = finance.get("api/reconciliation/" + today + ofMerchantA);
    assertThat(report.status()).as(report.body()).isEqualTo(404);
    assertThat(report.body()).doesNotContain(onlyInPayDesk);
    assertThat(finance.post("api/reconciliation/" + today + "/runs" + ofMerchantA).status())
        .isEqualTo(404);
    Http.Answer export =
        finance.get("api/reconciliation/" + today + "/discrepancies/export" + ofMerchantA);
    assertThat(export.status()).isEqualTo(404);
    assertThat(export.body()).doesNotContain(onlyInPayDesk);
    Http.Answer resolve =
        finance.postJson(
            "api/reconciliation/discrepancies/" + discrepancyOfA + "/resolution",
            "{\"note\":\"not mine\"}");
    assertThat(resolve.status()).as(resolve.body()).isEqualTo(404);
    assertThat(array(finance.get("api/reconciliation")).stream().map(d -> d.getString("mchId")))
        .isNotEmpty()
        .containsOnly(TestSandbox.MCH_ID_B);
    // without a merchant named, their own merchant's day
    Http.Answer own = finance.get("api/reconciliation/" + today);
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().getJsonObject("day").getString("mchId")).isEqualTo(TestSandbox.MCH_ID_B);
    assertThat(tradesIn(own.json())).doesNotContain(onlyInPayDesk);
    // A's discrepancy stays open
    assertThat(
            admin()
                .get("api/reconciliation/" + today + ofMerchantA)
                .json()
                .getJsonArray("discrepancies")
                .stream()
                .map(jakarta.json.JsonValue::asJsonObject)
                .filter(d -> d.getJsonNumber("id").longValue() == discrepancyOfA)
                .findFirst()
                .orElseThrow()
                .containsKey("resolvedAt"))
        .isFalse();
  }

  /** Starts (or reruns) today's reconciliation of the merchant's bill; answers its report. */
  private JsonObject reconcile(String mchId, String day) {
    String path = "api/reconciliation/" + day;
    String merchant = "?merchant=" + mchId;
    int[] run = new int[1];
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              Http.Answer started = admin().post(path + "/runs" + merchant);
              assertThat(started.status()).as(started.body()).isEqualTo(202);
              assertThat(started.json().getString("mchId")).isEqualTo(mchId);
              run[0] = started.json().getInt("runNo");
            });
    JsonObject[] report = new JsonObject[1];
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(120))
        .untilAsserted(
            () -> {
              Http.Answer answer = admin().get(path + merchant);
              assertThat(answer.status()).as(answer.body()).isEqualTo(200);
              JsonObject d = answer.json().getJsonObject("day");
              assertThat(d.getInt("runNo")).isEqualTo(run[0]);
              assertThat(d.getString("status")).as(answer.body()).isEqualTo("COMPLETED");
              report[0] = answer.json();
            });
    return report[0];
  }

  private static java.util.List<JsonObject> array(Http.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return jakarta.json.Json.createReader(new java.io.StringReader(answer.body()))
        .readArray()
        .getValuesAs(JsonObject.class);
  }

  /** The out_trade_nos a report's discrepancies name. */
  private static java.util.List<String> tradesIn(JsonObject report) {
    return report.getJsonArray("discrepancies").stream()
        .map(jakarta.json.JsonValue::asJsonObject)
        .map(d -> d.getString("outTradeNo", ""))
        .toList();
  }

  @Test
  void anAdministratorChoosesANewClientsMerchantOnTheClientsPageAndSeesTheReconciliationFilter() {
    clientOfB();
    Console console = new Console(url, "admin", Deployments.ADMIN_PASSWORD);
    var page = console.get("admin/users/clients.xhtml");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.html()).contains("value=\"" + TestSandbox.MCH_ID_B + "\"");
    String name = "console-b-" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        console.submit(
            "create",
            "create:submit",
            java.util.Map.of(
                "create:name",
                name,
                "create:scopes",
                "ORDERS_READ",
                "create:merchant",
                TestSandbox.MCH_ID_B));
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    Http.Answer client = admin().get("api/staff/clients/" + name);
    assertThat(client.status()).as(created.text()).isEqualTo(200);
    assertThat(client.json().getString("merchant")).isEqualTo(TestSandbox.MCH_ID_B);

    var reconciliation = console.get("admin/reconciliation/index.xhtml");
    assertThat(reconciliation.status()).isEqualTo(200);
    assertThat(reconciliation.html())
        .contains("value=\"" + TestSandbox.MCH_ID + "\"", "value=\"" + TestSandbox.MCH_ID_B + "\"");
  }
}
