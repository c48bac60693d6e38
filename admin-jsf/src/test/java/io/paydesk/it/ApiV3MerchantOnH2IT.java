package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.browser.StaffAccounts;
import io.paydesk.wechatpay.v3.RequestPayment;
import io.paydesk.wechatpay.v3.crypto.Pem;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PayDesk configured for a merchant that has only API v3 credentials ({@code
 * paydesk.wechat.api-version=v3}), against the same sandbox as the v2 tests: payments, a lost
 * notification, closing, refunds and the day's bill work as they do over v2.
 */
@ExtendWith(ArquillianExtension.class)
class ApiV3MerchantOnH2IT {

  static final Duration WAIT = Duration.ofSeconds(45);

  final RefundsContract refunds = new RefundsContract() {};
  final PaymentsContract payments = refunds.payments;
  final Http http = payments.http;

  @Deployment(testable = false)
  static WebArchive deployment() {
    var sandbox = TestSandbox.get();
    String mchId = TestSandbox.V3_MCH_ID;
    Map<String, String> v3 = new HashMap<>();
    v3.put("paydesk.wechat.api-version", "v3");
    v3.put("paydesk.wechat.mch-id", mchId);
    v3.put("paydesk.wechat.v3.private-key-file", sandbox.apiV3PrivateKey(mchId).toString());
    v3.put("paydesk.wechat.v3.certificate-serial", sandbox.apiV3CertificateSerial(mchId));
    v3.put("paydesk.wechat.v3.api-v3-key-file", apiV3KeyFile().toString());
    v3.put("paydesk.wechat.v3.public-key-id", sandbox.weChatPayPublicKeyId());
    v3.put("paydesk.wechat.v3.public-key-file", sandbox.weChatPayPublicKey().toString());
    v3.put("paydesk.wechat.notify-url.pay", Deployments.url() + "api/wechat/v3/notify/pay");
    v3.put("paydesk.wechat.notify-url.refund", Deployments.url() + "api/wechat/v3/notify/refund");
    // a v3 call signs and verifies with RSA: the first after boot on a loaded machine can take
    // longer than the v2 deployments' 3 s
    v3.put("paydesk.wechat.read-timeout", "PT10S");
    // the janitor asks about an open attempt every 2 s (a lost notification is found quickly)
    v3.put("paydesk.janitor.backoff", "PT2S");
    return Deployments.paydesk(Deployments.Database.H2, v3);
  }

  static Path apiV3KeyFile() {
    try {
      Path file = Files.createTempFile("apiv3-key", ".txt");
      Files.writeString(file, TestSandbox.API_V3_KEY + "\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void paymentsClosingRefundsAndTheDaysBillWorkOverApiV3() throws Exception {
    var sandbox = TestSandbox.get();
    // an order that expires unpaid: closed at WeChat once it expires (about 75 s from now)
    PaymentsContract.Paying abandoned = payments.newPayingOrder(300, Duration.ofSeconds(75));
    assertThat(sandbox.prepayId(TestSandbox.V3_MCH_ID, abandoned.outTradeNo()))
        .isEqualTo(abandoned.prepayId());

    // a buyer pays; the v3 notification makes it PAID
    PaymentsContract.Paying paying = payments.newPayingOrder(2590, null);
    Map<String, String> requestPayment = requestPayment(paying.orderNo());
    assertThat(requestPayment.get("signType")).isEqualTo("RSA");
    assertThat(requestPayment.get("appId")).isEqualTo(TestSandbox.APP_ID);
    assertThat(requestPayment.get("package")).isEqualTo("prepay_id=" + paying.prepayId());
    assertThat(paySignVerifies(requestPayment)).isTrue();
    var payment = sandbox.pay(paying.prepayId());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(payments.order(paying.orderNo()).getString("status")).isEqualTo("PAID"));
    JsonObject attempt = payments.order(paying.orderNo()).getJsonArray("attempts").getJsonObject(0);
    assertThat(attempt.getString("transactionId")).isEqualTo(payment.transactionId());
    assertThat(payments.order(paying.orderNo()).getJsonArray("history").toString())
        .contains("wechat-notification");

    // a notification that never arrives: the janitor's query finds the payment
    PaymentsContract.Paying lost = payments.newPayingOrder(990, null);
    try {
      sandbox.faults().notifyDropRate(1.0);
      sandbox.pay(lost.prepayId());
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(payments.order(lost.orderNo()).getString("status")).isEqualTo("PAID"));
    } finally {
      sandbox.faults().reset();
    }
    assertThat(payments.order(lost.orderNo()).getJsonArray("history").toString())
        .contains("janitor");

    // a refund: accepted over v3, its v3 notification makes it REFUNDED
    var requested = refunds.requestRefund(paying.orderNo(), 590, "r-" + UUID.randomUUID());
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    String outRefundNo = requested.json().getString("outRefundNo");
    refunds.awaitRefundStatus(outRefundNo, "REFUNDED");
    JsonObject refund = refunds.refund(outRefundNo);
    assertThat(refund.getString("refundId")).isNotBlank();
    assertThat(refund.getJsonArray("history").toString()).contains("PROCESSING", "REFUNDED");
    assertThat(payments.order(paying.orderNo()).getString("status"))
        .isEqualTo("PARTIALLY_REFUNDED");

    // the expired order is closed at WeChat, then in PayDesk
    await()
        .atMost(Duration.ofSeconds(150))
        .untilAsserted(
            () ->
                assertThat(payments.order(abandoned.orderNo()).getString("status"))
                    .isEqualTo("CLOSED"));

    // the day's v3 bill (GZIP, SHA1 checked) reconciles with PayDesk: no discrepancy
    LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
    String financeUser = "finance.v3." + UUID.randomUUID().toString().substring(0, 8);
    StaffAccounts.ensure(payments.url, financeUser, "FINANCE");
    Http finance = http.anonymous().as(financeUser, StaffAccounts.PASSWORD);
    var started = finance.post("api/reconciliation/" + today + "/runs");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    int runNo = started.json().getInt("runNo");
    JsonObject[] report = new JsonObject[1];
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var answer = finance.get("api/reconciliation/" + today);
              assertThat(answer.status()).as(answer.body()).isEqualTo(200);
              report[0] = answer.json();
              JsonObject day = report[0].getJsonObject("day");
              assertThat(day.getInt("runNo")).isEqualTo(runNo);
              assertThat(day.getString("status")).as(answer.body()).isEqualTo("COMPLETED");
            });
    JsonObject day = report[0].getJsonObject("day");
    assertThat(day.getJsonObject("wechat").getInt("paymentCount")).isEqualTo(2);
    assertThat(day.getJsonObject("wechat").getJsonNumber("paymentFen").longValue())
        .isEqualTo(2590 + 990);
    assertThat(day.getJsonObject("wechat").getInt("refundCount")).isEqualTo(1);
    assertThat(day.getJsonObject("wechat").getJsonNumber("refundFen").longValue()).isEqualTo(590);
    assertThat(day.getJsonNumber("discrepancyCount").longValue()).as(report[0].toString()).isZero();
  }

  @Test
  void forgedAndUnsignedV3NotificationsAreRefusedWithFail() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (String kind : new String[] {"pay", "refund"}) {
      HttpResponse<String> unsigned =
          client.send(
              HttpRequest.newBuilder(URI.create(Deployments.url() + "api/wechat/v3/notify/" + kind))
                  .header("Content-Type", "application/json")
                  .header("Wechatpay-Timestamp", Long.toString(System.currentTimeMillis() / 1000))
                  .header("Wechatpay-Nonce", "n" + UUID.randomUUID())
                  .header("Wechatpay-Serial", TestSandbox.get().weChatPayPublicKeyId())
                  .header("Wechatpay-Signature", Base64.getEncoder().encodeToString(new byte[256]))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(unsigned.statusCode()).as(kind).isEqualTo(400);
      assertThat(unsigned.body()).as(kind).contains("\"code\":\"FAIL\"");
    }
  }

  private Map<String, String> requestPayment(String orderNo) {
    var again = http.postJson("api/orders/" + orderNo + "/payment", "{}");
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    Map<String, String> params = new HashMap<>();
    again
        .json()
        .getJsonObject("requestPayment")
        .forEach((k, v) -> params.put(k, ((JsonString) v).getString()));
    return params;
  }

  /** paySign is SHA256withRSA by the merchant's key, checked with its API certificate. */
  private static boolean paySignVerifies(Map<String, String> p) throws GeneralSecurityException {
    var certificate =
        Pem.certificate(Pem.read(TestSandbox.get().apiV3Certificate(TestSandbox.V3_MCH_ID)));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(certificate.getPublicKey());
    rsa.update(
        RequestPayment.message(
                p.get("appId"), p.get("timeStamp"), p.get("nonceStr"), p.get("package"))
            .getBytes(StandardCharsets.UTF_8));
    return rsa.verify(Base64.getDecoder().decode(p.get("paySign")));
  }
}
