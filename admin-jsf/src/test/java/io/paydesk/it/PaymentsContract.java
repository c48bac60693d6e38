package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.ErpEventConsumer.Received;
import io.paydesk.wechatpay.sign.Signer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Paying for an order on the real stack against the WeChat Pay sandbox: run on H2 and on PostgreSQL
 * by its subclasses.
 */
abstract class PaymentsContract {

  static final Duration WAIT = Duration.ofSeconds(45);
  static final String SUCCESS = "<return_code><![CDATA[SUCCESS]]></return_code>";
  static final String FAIL = "<return_code><![CDATA[FAIL]]></return_code>";

  final URL url = Deployments.url();
  final Http http = new Http(url);

  /** A created order whose first payment attempt is open: its out_trade_no and prepay_id. */
  record Paying(String orderNo, String outTradeNo, String prepayId, long amount) {}

  /**
   * @param expiresIn how long the buyer has from now, or null for PayDesk's default
   */
  Paying newPayingOrder(long amount, Duration expiresIn) {
    String orderNo = PlatformOnH2IT.newOrderNo();
    var body =
        Json.createObjectBuilder(
            Json.createReader(new java.io.StringReader(Http.order(orderNo, amount))).readObject());
    if (expiresIn != null) {
      body.add("expiresAt", Instant.now().plus(expiresIn).toString());
    }
    var created = http.postJson("api/orders", body.build().toString());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    var payment =
        http.postJson("api/orders/" + orderNo + "/payment", "{\"clientIp\":\"10.1.2.3\"}");
    assertThat(payment.status()).as(payment.body()).isEqualTo(200);
    JsonObject params = payment.json().getJsonObject("requestPayment");
    String prepayId = params.getString("package").substring("prepay_id=".length());
    return new Paying(orderNo, payment.json().getString("outTradeNo"), prepayId, amount);
  }

  JsonObject order(String orderNo) {
    var answer = http.get("api/orders/" + orderNo);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  String notify(String xml) {
    return http.postXml("api/wechat/notify/pay", xml).body();
  }

  @Test
  void aBuyerPaysAndTheOrderIsPaidOnceWithItsEventOnTheBroker() {
    Paying paying = newPayingOrder(2590, null);

    // asking again hands out the same prepay_id, signed for wx.requestPayment
    var again = http.postJson("api/orders/" + paying.orderNo() + "/payment", "{}").json();
    Map<String, String> requestPayment = new HashMap<>();
    again
        .getJsonObject("requestPayment")
        .forEach((k, v) -> requestPayment.put(k, ((jakarta.json.JsonString) v).getString()));
    assertThat(requestPayment.get("package")).isEqualTo("prepay_id=" + paying.prepayId());
    assertThat(requestPayment.get("appId")).isEqualTo(TestSandbox.APP_ID);
    String paySign = requestPayment.remove("paySign");
    assertThat(
            new Signer(TestSandbox.merchant().apiKey())
                .sign(requestPayment, TestSandbox.merchant().signType()))
        .isEqualTo(paySign);
    assertThat(again.getString("outTradeNo")).isEqualTo(paying.outTradeNo());

    var payment = TestSandbox.get().pay(paying.prepayId());

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(order(paying.orderNo()).getString("status")).isEqualTo("PAID"));
    JsonObject order = order(paying.orderNo());
    assertThat(order.getJsonArray("attempts").getJsonObject(0).getString("transactionId"))
        .isEqualTo(payment.transactionId());
    assertThat(
            http.postJson("api/orders/" + paying.orderNo() + "/payment", "{}")
                .json()
                .getString("code"))
        .isEqualTo("ORDER_ALREADY_PAID");
    try (var erp = new ErpEventConsumer(TestBroker.get().url(), PlatformOnH2IT.EVENTS)) {
      List<Received> events =
          erp.receiveUntil(
              e -> paying.orderNo().equals(e.aggregateId()) && "OrderPaid".equals(e.type()), WAIT);
      assertThat(events.get(events.size() - 1).body()).contains(payment.transactionId());
    }
  }

  @Test
  void thirtyTwoConcurrentDuplicateNotificationsPayTheOrderOnce() throws Exception {
    Paying paying = newPayingOrder(1200, null);
    String xml =
        Notifications.signed(
            Notifications.paid(paying.outTradeNo(), Notifications.transactionId(), 1200));
    HttpClient client = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<String>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 32; i++) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                    return client
                        .send(
                            HttpRequest.newBuilder(url.toURI().resolve("api/wechat/notify/pay"))
                                .header("Content-Type", "text/xml")
                                .POST(HttpRequest.BodyPublishers.ofString(xml))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                pool));
      }
      start.countDown();
      for (var answer : answers) {
        assertThat(answer.get()).contains(SUCCESS);
      }
    } finally {
      pool.shutdownNow();
    }

    JsonObject order = order(paying.orderNo());
    assertThat(order.getString("status")).isEqualTo("PAID");
    assertThat(
            order.getJsonArray("history").stream()
                .filter(h -> "PAID".equals(h.asJsonObject().getString("to")))
                .count())
        .isEqualTo(1);
    // exactly one OrderPaid: a later order's event arrives after any duplicate would have
    String marker = PlatformOnH2IT.newOrderNo();
    assertThat(http.postJson("api/orders", Http.order(marker, 1)).status()).isEqualTo(201);
    try (var erp = new ErpEventConsumer(TestBroker.get().url(), PlatformOnH2IT.EVENTS)) {
      List<Received> events = erp.receiveUntil(e -> marker.equals(e.aggregateId()), WAIT);
      assertThat(events)
          .filteredOn(e -> paying.orderNo().equals(e.aggregateId()) && "OrderPaid".equals(e.type()))
          .hasSize(1);
    }
  }

  @Test
  void forgedBadAndUnknownNotificationsAreRefusedAndChangeNothing() {
    Paying paying = newPayingOrder(800, null);
    String transactionId = Notifications.transactionId();

    // a forged amount, correctly signed
    assertThat(
            notify(Notifications.signed(Notifications.paid(paying.outTradeNo(), transactionId, 1))))
        .contains(FAIL);
    // a bad signature
    var fields = Notifications.paid(paying.outTradeNo(), transactionId, 800);
    fields.put("sign", "0123456789ABCDEF0123456789ABCDEF");
    assertThat(notify(Notifications.unsigned(fields))).contains(FAIL);
    // no signature at all
    assertThat(
            notify(
                Notifications.unsigned(
                    Notifications.paid(paying.outTradeNo(), transactionId, 800))))
        .contains(FAIL);
    // a DOCTYPE with an external entity (XXE)
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<xml><out_trade_no>&x;</out_trade_no></xml>";
    assertThat(notify(xxe)).contains(FAIL);
    // an order PayDesk never created
    assertThat(
            notify(
                Notifications.signed(
                    Notifications.paid("PD000000000000NOSUCHATTEMPT00", transactionId, 800))))
        .contains(FAIL);
    // another merchant's
    var other = Notifications.paid(paying.outTradeNo(), transactionId, 800);
    other.put("mch_id", "1900000999");
    assertThat(notify(Notifications.signed(other))).contains(FAIL);

    JsonObject order = order(paying.orderNo());
    assertThat(order.getString("status")).isEqualTo("PAYING");
    assertThat(order.getJsonArray("history")).hasSize(2);
    // the genuine one still works afterwards
    assertThat(
            notify(
                Notifications.signed(Notifications.paid(paying.outTradeNo(), transactionId, 800))))
        .contains(SUCCESS);
    assertThat(order(paying.orderNo()).getString("status")).isEqualTo("PAID");
  }

  @Test
  void aLostNotificationIsResolvedByTheJanitor() {
    var sandbox = TestSandbox.get();
    Paying paying = newPayingOrder(990, null);
    try {
      sandbox.faults().notifyDropRate(1.0);
      sandbox.pay(paying.prepayId());

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> assertThat(order(paying.orderNo()).getString("status")).isEqualTo("PAID"));
      assertThat(order(paying.orderNo()).getJsonArray("history").toString()).contains("janitor");
    } finally {
      sandbox.faults().reset();
    }
  }

  @Test
  void anAttemptWhoseCheckThrowsIsPutBackAndTheJanitorGoesOnWithTheNext() {
    var sandbox = TestSandbox.get();
    Paying poison = newPayingOrder(510, null);
    Paying behind = newPayingOrder(520, null);
    Paying other = newPayingOrder(530, null);
    // each first check found them unpaid; their next is an hour away
    for (Paying p : List.of(poison, behind, other)) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(lastOutcome(p)).contains("NOTPAY"));
    }
    try {
      sandbox.faults().notifyDropRate(1.0);
      String reported = sandbox.pay(poison.prepayId()).transactionId();
      sandbox.pay(behind.prepayId());
      // another attempt already holds the transaction_id WeChat reports for the poison one:
      // recording its payment breaks a unique constraint, a RuntimeException out of its step
      assertThat(
              notify(
                  Notifications.signed(
                      Notifications.paid(other.outTradeNo(), reported, other.amount()))))
          .contains(SUCCESS);
      // the poison attempt first in the due queue, the paid one behind it
      assertThat(dueSince(poison, 3600)).isEqualTo("1");
      assertThat(dueSince(behind, 60)).isEqualTo("1");

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> assertThat(order(behind.orderNo()).getString("status")).isEqualTo("PAID"));
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(lastOutcome(poison)).startsWith("janitor step failed: "));
      JsonObject stuck = order(poison.orderNo());
      assertThat(stuck.getString("status")).isEqualTo("PAYING");
      assertThat(stuck.getJsonArray("attempts").getJsonObject(0).getString("status"))
          .isEqualTo("OPEN");
    } finally {
      sandbox.faults().reset();
    }
  }

  /** Makes the attempt due for the janitor since {@code seconds} ago (the test probe). */
  private String dueSince(Paying paying, long seconds) {
    return http.post("api/test-probe/attempts/" + paying.outTradeNo() + "/due-since/" + seconds)
        .body();
  }

  private String lastOutcome(Paying paying) {
    return order(paying.orderNo())
        .getJsonArray("attempts")
        .getJsonObject(0)
        .getString("lastOutcome", "");
  }

  @Test
  void expiredOrdersAreClosedAtWeChatFirstAndOrderPaidOnCloseMeansPaid() {
    var sandbox = TestSandbox.get();
    // WeChat wants time_expire at least a minute ahead when the payment is opened: a margin for a
    // busy machine between creating the order and opening its payment
    Paying abandoned = newPayingOrder(300, Duration.ofSeconds(75));
    Paying paidLate = newPayingOrder(400, Duration.ofSeconds(75));
    // the janitor's first check found it unpaid; its next is an hour away
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        order(paidLate.orderNo())
                            .getJsonArray("attempts")
                            .getJsonObject(0)
                            .getString("lastOutcome", ""))
                    .contains("NOTPAY"));
    try {
      sandbox.faults().notifyDropRate(1.0);
      sandbox.pay(paidLate.prepayId());

      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                assertThat(order(abandoned.orderNo()).getString("status")).isEqualTo("CLOSED");
                assertThat(order(paidLate.orderNo()).getString("status")).isEqualTo("PAID");
              });
    } finally {
      sandbox.faults().reset();
    }
    assertThat(
            order(abandoned.orderNo())
                .getJsonArray("attempts")
                .getJsonObject(0)
                .getString("status"))
        .isEqualTo("CLOSED");
    assertThat(
            http.postJson("api/orders/" + abandoned.orderNo() + "/payment", "{}")
                .json()
                .getString("code"))
        .isEqualTo("ORDER_CLOSED");
    try (var erp = new ErpEventConsumer(TestBroker.get().url(), PlatformOnH2IT.EVENTS)) {
      erp.receiveUntil(
          e -> abandoned.orderNo().equals(e.aggregateId()) && "OrderClosed".equals(e.type()), WAIT);
    }
  }

  @Test
  void aUnifiedOrderThatTimesOutIsUnknownAndIsRetriedWithTheSameOutTradeNo() {
    var sandbox = TestSandbox.get();
    String orderNo = PlatformOnH2IT.newOrderNo();
    assertThat(http.postJson("api/orders", Http.order(orderNo, 660)).status()).isEqualTo(201);
    Http.Answer unknown;
    try {
      sandbox.faults().latency(Duration.ofSeconds(5));
      unknown = http.postJson("api/orders/" + orderNo + "/payment", "{}");
    } finally {
      sandbox.faults().reset();
    }
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(503);
    assertThat(unknown.json().getString("code")).isEqualTo("WECHAT_UNAVAILABLE");
    JsonObject attempt = order(orderNo).getJsonArray("attempts").getJsonObject(0);
    assertThat(attempt.getString("status")).isIn("NEW", "OPEN");

    var retried = http.postJson("api/orders/" + orderNo + "/payment", "{}");

    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.json().getString("outTradeNo")).isEqualTo(attempt.getString("outTradeNo"));
    assertThat(order(orderNo).getJsonArray("attempts")).hasSize(1);
  }

  @Test
  void aPaidOrderShipsOnceAndOnlyIfPaid() {
    Paying paying = newPayingOrder(1500, null);
    String shipment = "{\"carrier\":\"SF Express\",\"trackingNo\":\"SF1234567890\"}";
    var early = http.postJson("api/orders/" + paying.orderNo() + "/shipment", shipment);
    assertThat(early.status()).isEqualTo(409);

    assertThat(
            notify(
                Notifications.signed(
                    Notifications.paid(paying.outTradeNo(), Notifications.transactionId(), 1500))))
        .contains(SUCCESS);
    assertThat(
            http.postJson("api/orders/" + paying.orderNo() + "/shipment", shipment)
                .json()
                .getString("status"))
        .isEqualTo("SHIPPED");
    assertThat(http.postJson("api/orders/" + paying.orderNo() + "/shipment", shipment).status())
        .isEqualTo(200);
    assertThat(
            http.postJson(
                    "api/orders/" + paying.orderNo() + "/shipment",
                    "{\"carrier\":\"EMS\",\"trackingNo\":\"E1\"}")
                .status())
        .isEqualTo(409);
    try (var erp = new ErpEventConsumer(TestBroker.get().url(), PlatformOnH2IT.EVENTS)) {
      erp.receiveUntil(
          e -> paying.orderNo().equals(e.aggregateId()) && "OrderShipped".equals(e.type()), WAIT);
    }
  }
}
