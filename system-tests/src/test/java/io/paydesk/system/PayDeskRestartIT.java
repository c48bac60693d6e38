package io.paydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.Http;
import io.paydesk.it.TestBroker;
import io.paydesk.it.TestSandbox;
import io.paydesk.sandbox.SandboxServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PayDesk is stopped while WeChat (the sandbox) keeps repeating a payment notification on its
 * schedule; started again, it takes a repeat and the order ends PAID, once.
 */
class PayDeskRestartIT {

  static final Path ARTIFACTS = Path.of(System.getProperty("paydesk.it.dir"));

  @Test
  void aPaymentNotifiedWhilePayDeskIsStoppedIsRecordedOnceWhenItIsBack() throws Exception {
    SandboxServer sandbox = TestSandbox.get();
    int port = freePort();
    Path work = Files.createTempDirectory("paydesk-restart");
    Map<String, String> env = environment(work, port);

    try (MicroProcess paydesk = new MicroProcess(ARTIFACTS, work, port, env)) {
      paydesk.start();
      Http http = new Http(paydesk.url().toURL());
      String orderNo = "RS" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
      assertThat(http.postJson("api/orders", Http.order(orderNo, 4321)).status()).isEqualTo(201);
      JsonObject payment = http.postJson("api/orders/" + orderNo + "/payment", "{}").json();
      String outTradeNo = payment.getString("outTradeNo");
      String prepayId =
          payment
              .getJsonObject("requestPayment")
              .getString("package")
              .substring("prepay_id=".length());

      paydesk.stop();
      String transactionId = sandbox.pay(prepayId).transactionId();
      // WeChat's schedule, 50 times faster: the first repeats fail while PayDesk is down
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(failedAttempts(sandbox, outTradeNo)).hasSizeGreaterThanOrEqualTo(2));

      paydesk.start();
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () ->
                  assertThat(http.get("api/orders/" + orderNo).json().getString("status"))
                      .isEqualTo("PAID"));
      JsonObject order = http.get("api/orders/" + orderNo).json();
      assertThat(order.getJsonArray("attempts").getJsonObject(0).getString("transactionId"))
          .isEqualTo(transactionId);
      assertThat(
              order.getJsonArray("history").stream()
                  .filter(h -> "PAID".equals(h.asJsonObject().getString("to")))
                  .count())
          .isEqualTo(1);
      assertThat(order.getJsonArray("history").toString()).contains("wechat-notification");
    }
  }

  @Test
  void aRefundNotifiedWhilePayDeskIsStoppedIsRecordedOnceWhenItIsBack() throws Exception {
    SandboxServer sandbox = TestSandbox.get();
    int port = freePort();
    Path work = Files.createTempDirectory("paydesk-restart-refund");
    Map<String, String> env = environment(work, port);

    try (MicroProcess paydesk = new MicroProcess(ARTIFACTS, work, port, env)) {
      paydesk.start();
      Http http = new Http(paydesk.url().toURL());
      String orderNo = "RR" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
      assertThat(http.postJson("api/orders", Http.order(orderNo, 880)).status()).isEqualTo(201);
      JsonObject payment = http.postJson("api/orders/" + orderNo + "/payment", "{}").json();
      sandbox.pay(
          payment
              .getJsonObject("requestPayment")
              .getString("package")
              .substring("prepay_id=".length()));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(http.get("api/orders/" + orderNo).json().getString("status"))
                      .isEqualTo("PAID"));
      // WeChat sends the refund's first notification late: time enough to stop PayDesk
      sandbox.faults().notifyDelay(Duration.ofSeconds(15));
      String outRefundNo =
          http.postJson(
                  "api/orders/" + orderNo + "/refunds",
                  "{\"amount\":880,\"reason\":\"restart\",\"requestId\":\"rr-1\"}")
              .json()
              .getString("outRefundNo");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(http.get("api/refunds/" + outRefundNo).json().getString("status"))
                      .isEqualTo("PROCESSING"));

      paydesk.stop();
      sandbox.faults().reset();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(failedAttempts(sandbox, outRefundNo)).hasSizeGreaterThanOrEqualTo(2));

      paydesk.start();
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () ->
                  assertThat(http.get("api/refunds/" + outRefundNo).json().getString("status"))
                      .isEqualTo("REFUNDED"));
      JsonObject refund = http.get("api/refunds/" + outRefundNo).json();
      assertThat(
              refund.getJsonArray("history").stream()
                  .filter(h -> "REFUNDED".equals(h.asJsonObject().getString("to")))
                  .count())
          .isEqualTo(1);
      assertThat(http.get("api/orders/" + orderNo).json().getString("status"))
          .isEqualTo("REFUNDED");
    }
  }

  /**
   * PayDesk's configuration: the test broker, the sandbox's merchant, notifications to this port.
   */
  static Map<String, String> environment(Path work, int port) {
    return environment(work, port, TestSandbox.get());
  }

  /** The same, with a sandbox of the caller's own (it plays TestSandbox's merchant). */
  static Map<String, String> environment(Path work, int port, SandboxServer sandbox) {
    TestBroker broker = TestBroker.get();
    String base = "http://127.0.0.1:" + port + "/";
    return Map.ofEntries(
        Map.entry("PAYDESK_DATA_DIR", work.resolve("data").toString()),
        Map.entry("PAYDESK_DB_PASSWORD", "db-" + port),
        Map.entry("PAYDESK_JMS_PORT", Integer.toString(broker.port())),
        Map.entry("PAYDESK_JMS_PASSWORD", TestBroker.PASSWORD),
        Map.entry("PAYDESK_WECHAT_BASE_URL", sandbox.baseUrl().toString()),
        Map.entry("PAYDESK_WECHAT_TRUST_CA", sandbox.caCertificatePem().toString()),
        Map.entry(
            "PAYDESK_WECHAT_CERT_PATH", sandbox.clientCertificate(TestSandbox.MCH_ID).toString()),
        Map.entry("PAYDESK_WECHAT_APPID", TestSandbox.APP_ID),
        Map.entry("PAYDESK_WECHAT_MCH_ID", TestSandbox.MCH_ID),
        Map.entry("PAYDESK_WECHAT_API_KEY", TestSandbox.API_KEY),
        Map.entry("PAYDESK_WECHAT_NOTIFY_URL_PAY", base + "api/wechat/notify/pay"),
        Map.entry("PAYDESK_WECHAT_NOTIFY_URL_REFUND", base + "api/wechat/notify/refund"),
        Map.entry("PAYDESK_REFUND_AUTO_APPROVE_BELOW", "10000"),
        // no janitor query during the tests: only the notifications may tell PayDesk
        Map.entry("PAYDESK_JANITOR_BACKOFF", "PT1H"),
        Map.entry("PAYDESK_REFUND_QUERY_AFTER", "PT1H"));
  }

  /**
   * The sandbox's notification attempts for a reference (out_trade_no or out_refund_no) that
   * PayDesk did not acknowledge.
   */
  static List<String> failedAttempts(SandboxServer sandbox, String reference) {
    return sandbox.callLog().last(10_000).stream()
        .filter(e -> e.kind().contains("NOTIFY") && e.reference().contains(reference))
        .filter(e -> !e.outcome().contains("ack=true"))
        .map(e -> e.outcome())
        .toList();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
