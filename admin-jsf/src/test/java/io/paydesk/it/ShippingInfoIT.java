package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.sandbox.MiniPrograms;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery details and the shipping information on the real stack: an order with delivery details,
 * paid at the sandbox and shipped, is uploaded to the sandbox's mini-program server API
 * (upload_shipping_info, with a token from stable_token) through the outbox; an outage delays the
 * upload and the backoff sends it once WeChat is back; an expired token is replaced.
 */
@ExtendWith(ArquillianExtension.class)
class ShippingInfoIT {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String DELIVERY =
      "{\"recipientName\":\"张三\",\"phone\":\"13800138000\",\"province\":\"广东省\","
          + "\"city\":\"深圳市\",\"district\":\"南山区\",\"street\":\"科技园路 1 号\","
          + "\"note\":\"请放门卫\"}";

  final RefundsContract refunds = new RefundsContract() {};
  final PaymentsContract payments = refunds.payments;
  final Http http = payments.http;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(Deployments.Database.H2);
  }

  @AfterEach
  void faultsOff() {
    miniPrograms().reset();
  }

  static MiniPrograms miniPrograms() {
    return TestSandbox.get().miniPrograms();
  }

  @Test
  void aShippedOrderIsUploadedWithItsMaskedPhoneAndTheOrderShowsItsDeliveryWhole() {
    String orderNo = paidOrderWithDelivery();
    JsonObject order = payments.order(orderNo);
    assertThat(order.getJsonObject("delivery").getString("phone")).isEqualTo("13800138000");

    ship(orderNo, "{\"carrier\":\"顺丰\",\"trackingNo\":\"SF7001\"}");

    JsonObject info = awaitUpload(orderNo, "UPLOADED");
    assertThat(info.getInt("attempts")).isEqualTo(1);
    Map<String, Object> uploaded = miniPrograms().uploaded(transactionId(orderNo));
    assertThat(uploaded).isNotNull();
    assertThat(io.paydesk.wechatpay.v3.json.Json.write(uploaded))
        .contains("SF7001", "\"express_company\":\"SF\"", "138****8000")
        .doesNotContain("13800138000");
    assertThat(uploaded.get("logistics_type")).isEqualTo(1L);
  }

  @Test
  void whileWeChatIsDownTheUploadWaitsAndTheBackoffSendsItLater() {
    String orderNo = paidOrderWithDelivery();
    miniPrograms().downFor(Duration.ofSeconds(6));

    ship(orderNo, "{\"carrier\":\"自提\",\"trackingNo\":\"P-7\",\"method\":\"PICKUP\"}");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonObject info = shippingInfo(orderNo);
              assertThat(info.getString("status")).isEqualTo("PENDING");
              assertThat(info.getInt("attempts")).isPositive();
              assertThat(info.getString("lastError", "")).contains("HTTP 503");
            });
    JsonObject info = awaitUpload(orderNo, "UPLOADED");
    assertThat(info.getInt("attempts")).isGreaterThan(1);
    assertThat(miniPrograms().uploaded(transactionId(orderNo)).get("logistics_type")).isEqualTo(4L);
  }

  @Test
  void anExpiredTokenIsReplacedAndTheUploadGoesThrough() {
    String first = paidOrderWithDelivery();
    ship(first, "{\"carrier\":\"ZTO\",\"trackingNo\":\"Z1\"}");
    awaitUpload(first, "UPLOADED");
    int issued = miniPrograms().tokensIssued();
    miniPrograms().expireTokens();

    String second = paidOrderWithDelivery();
    ship(second, "{\"carrier\":\"中通\",\"trackingNo\":\"Z2\"}");

    awaitUpload(second, "UPLOADED");
    assertThat(miniPrograms().tokensIssued()).isEqualTo(issued + 1);
  }

  @Test
  void aRefusedUploadIsShownWithWeChatsReason() {
    String orderNo = paidOrderWithDelivery();
    miniPrograms().failUploads(10060002, 1);

    ship(orderNo, "{\"carrier\":\"YTO\",\"trackingNo\":\"Y1\"}");

    JsonObject info = awaitUpload(orderNo, "FAILED");
    assertThat(info.getString("lastError")).contains("10060002");
  }

  @Test
  void badDeliveryDetailsAreRefusedInTheCallersLanguage() throws Exception {
    String body =
        "{\"orderNo\":\""
            + PlatformOnH2IT.newOrderNo()
            + "\",\"openid\":\"o-buyer\",\"amount\":100,\"description\":\"T恤\","
            + "\"delivery\":{\"recipientName\":\"张三\",\"phone\":\"12345\",\"province\":\"广东省\","
            + "\"city\":\"深圳市\",\"district\":\"南山区\",\"street\":\"路\"}}";
    HttpResponse<String> chinese = post(body, "zh-CN,zh;q=0.9");
    assertThat(chinese.statusCode()).isEqualTo(400);
    assertThat(chinese.body()).contains("收货人电话应为中国大陆手机号");
    HttpResponse<String> english = post(body, "en");
    assertThat(english.statusCode()).isEqualTo(400);
    assertThat(english.body()).contains("delivery.phone is a mainland mobile number");
  }

  private HttpResponse<String> post(String body, String language) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(payments.url.toURI().resolve("api/orders"))
                .header("Authorization", "Bearer " + TestApiKey.VALUE)
                .header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private String paidOrderWithDelivery() {
    String orderNo = PlatformOnH2IT.newOrderNo();
    var created =
        http.postJson(
            "api/orders",
            "{\"orderNo\":\""
                + orderNo
                + "\",\"openid\":\"o-buyer\",\"amount\":1999,\"description\":\"T恤\","
                + "\"items\":[{\"sku\":\"A1\",\"name\":\"T恤\",\"quantity\":1,\"unitPrice\":1999}],"
                + "\"delivery\":"
                + DELIVERY
                + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    // a unified order WeChat did not answer in time is a 503 "retry with the same request"
    var answer = new java.util.concurrent.atomic.AtomicReference<Http.Answer>();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              answer.set(http.postJson("api/orders/" + orderNo + "/payment", "{}"));
              assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
            });
    String prepayId =
        answer
            .get()
            .json()
            .getJsonObject("requestPayment")
            .getString("package")
            .substring("prepay_id=".length());
    TestSandbox.get().pay(prepayId);
    await().atMost(WAIT).untilAsserted(() -> assertThat(refunds.status(orderNo)).isEqualTo("PAID"));
    return orderNo;
  }

  private void ship(String orderNo, String body) {
    var shipped = http.postJson("api/orders/" + orderNo + "/shipment", body);
    assertThat(shipped.status()).as(shipped.body()).isEqualTo(200);
  }

  private JsonObject shippingInfo(String orderNo) {
    JsonObject order = payments.order(orderNo);
    assertThat(order.containsKey("shippingInfo") && !order.isNull("shippingInfo"))
        .as(order.toString())
        .isTrue();
    return order.getJsonObject("shippingInfo");
  }

  private JsonObject awaitUpload(String orderNo, String status) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(shippingInfo(orderNo).getString("status")).isEqualTo(status));
    return shippingInfo(orderNo);
  }

  private String transactionId(String orderNo) {
    return payments
        .order(orderNo)
        .getJsonArray("attempts")
        .getJsonObject(0)
        .getString("transactionId");
  }
}
