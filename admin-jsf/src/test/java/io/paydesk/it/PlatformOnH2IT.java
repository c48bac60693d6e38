package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.ErpEventConsumer.Received;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foundation on the real stack: Payara Micro with the Artemis resource adapter, the embedded H2
 * database, a real broker. Black-box through HTTP and the broker; a test probe causes what only a
 * crash or a failing transaction would.
 */
@ExtendWith(ArquillianExtension.class)
class PlatformOnH2IT {

  static final String EVENTS = "paydesk.erp.events";
  static final Duration WAIT = Duration.ofSeconds(30);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(Deployments.Database.H2);
  }

  @ArquillianResource URL url;

  static String newOrderNo() {
    return "IT" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  @Test
  void committedOrderIsStoredAndItsEventReachesTheBroker() {
    Http http = new Http(url);
    String orderNo = newOrderNo();

    Http.Answer created = http.postJson("api/orders", Http.order(orderNo, 1999));

    assertThat(created.status()).isEqualTo(201);
    var order = http.get("api/orders/" + orderNo);
    assertThat(order.status()).isEqualTo(200);
    assertThat(order.json().getString("status")).isEqualTo("CREATED");
    assertThat(order.json().getJsonNumber("amount").longValue()).isEqualTo(1999);
    assertThat(order.json().getJsonArray("history")).hasSize(1);
    try (var erp = new ErpEventConsumer(TestBroker.get().url(), EVENTS)) {
      List<Received> events = erp.receiveUntil(e -> orderNo.equals(e.aggregateId()), WAIT);
      Received event = events.get(events.size() - 1);
      assertThat(event.type()).isEqualTo("OrderCreated");
      assertThat(event.eventId()).isNotBlank();
      assertThat(event.body()).contains("\"orderNo\":\"" + orderNo + "\"").contains("1999");
    }
  }

  @Test
  void aRuntimeExceptionRollsBackTheChangeAndItsEvent() {
    Http http = new Http(url);
    String failed = newOrderNo();
    String committedAfter = newOrderNo();

    assertThat(http.post("api/test-probe/orders/" + failed + "/create-then-fail").body())
        .isEqualTo("rolled-back");
    assertThat(http.postJson("api/orders", Http.order(committedAfter, 1)).status()).isEqualTo(201);

    assertThat(http.get("api/orders/" + failed).status()).isEqualTo(404);
    try (var erp = new ErpEventConsumer(TestBroker.get().url(), EVENTS)) {
      // events leave in commit order: once the later order's event is here, the failed one's
      // would have been too
      List<Received> events = erp.receiveUntil(e -> committedAfter.equals(e.aggregateId()), WAIT);
      assertThat(events).extracting(Received::aggregateId).doesNotContain(failed);
    }
  }

  @Test
  void aRelayCrashAfterSendingResendsAndTheConsumerDropsTheDuplicate() {
    Http http = new Http(url);
    String orderNo = newOrderNo();
    assertThat(http.postJson("api/orders", Http.order(orderNo, 500)).status()).isEqualTo(201);
    try (var erp = new ErpEventConsumer(TestBroker.get().url(), EVENTS)) {
      List<Received> first = erp.receiveUntil(e -> orderNo.equals(e.aggregateId()), WAIT);
      String eventId = first.get(first.size() - 1).eventId();

      // the broker has the message, but the relay "crashed" before marking it sent
      assertThat(http.post("api/test-probe/outbox/" + orderNo + "/forget-sent").body())
          .isEqualTo("1");
      http.post("api/test-probe/outbox/relay");

      List<Received> again = erp.receiveUntil(e -> orderNo.equals(e.aggregateId()), WAIT);
      Received resent = again.get(again.size() - 1);
      assertThat(resent.eventId()).isEqualTo(eventId);
      assertThat(resent.duplicate()).isTrue();
    }
  }

  @Test
  void badOrderRequestsGetProblemsAndChangeNothing() {
    Http http = new Http(url);
    String orderNo = newOrderNo();

    var invalid = http.postJson("api/orders", "{\"orderNo\":\"" + orderNo + "\",\"amount\":-5}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.contentType()).startsWith("application/problem+json");
    assertThat(invalid.json().getString("code")).isEqualTo("INVALID_REQUEST");
    assertThat(invalid.json().getJsonArray("violations").toString())
        .contains("amount", "openid", "description");
    assertThat(http.get("api/orders/" + orderNo).status()).isEqualTo(404);

    var malformed = http.postJson("api/orders", "{\"orderNo\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");

    assertThat(http.postJson("api/orders", Http.order(orderNo, 100)).status()).isEqualTo(201);
    var repeated = http.postJson("api/orders", Http.order(orderNo, 100));
    assertThat(repeated.status()).isEqualTo(201);
    assertThat(repeated.json().getString("orderNo")).isEqualTo(orderNo);
    var conflicting = http.postJson("api/orders", Http.order(orderNo, 101));
    assertThat(conflicting.status()).isEqualTo(409);
    assertThat(conflicting.json().getString("code")).isEqualTo("ORDER_NO_CONFLICT");
    assertThat(http.get("api/orders/" + orderNo).json().getJsonNumber("amount").longValue())
        .isEqualTo(100);

    var unknown = http.get("api/orders/NO-SUCH-ORDER");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getString("code")).isEqualTo("ORDER_NOT_FOUND");
  }

  @Test
  void orderItemsAreKeptAndPartOfTheIdempotencyKey() {
    Http http = new Http(url);
    String orderNo = newOrderNo();
    String withItems =
        "{\"orderNo\":\""
            + orderNo
            + "\",\"openid\":\"o-1\",\"amount\":2500,\"description\":\"two\","
            + "\"items\":[{\"sku\":\"TS-W-M\",\"name\":\"T恤, 白色, M\",\"quantity\":2,\"unitPrice\":1250}]}";

    assertThat(http.postJson("api/orders", withItems).status()).isEqualTo(201);
    assertThat(http.postJson("api/orders", withItems).status()).isEqualTo(201);
    assertThat(
            http.postJson("api/orders", withItems.replace("\"quantity\":2", "\"quantity\":3"))
                .status())
        .isEqualTo(409);
    var items = http.get("api/orders/" + orderNo).json().getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("name")).isEqualTo("T恤, 白色, M");
    assertThat(items.getJsonObject(0).getInt("quantity")).isEqualTo(2);
    var invalid =
        http.postJson(
            "api/orders",
            withItems.replace("\"quantity\":2", "\"quantity\":0").replace(orderNo, newOrderNo()));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body()).contains("quantity");
  }

  @Test
  void theLoginPageMetricsAndTheOpenApiDocumentAnswer() {
    Http http = new Http(url);
    // the console needs a login: its pages send a stranger to the login page, a PrimeFaces form
    var page = http.get("admin/index.xhtml");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/admin/login.xhtml");
    var login = http.get("admin/login.xhtml");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body()).contains("Log in").contains("ln=primefaces");
    var metrics = http.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("paydesk_outbox_backlog")
        .contains("paydesk_outbox_lag_seconds");
    var openapi = http.get("/openapi");
    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body()).contains("/orders").contains("OrderRequest");
  }

  @Test
  void readinessIsDownWhileTheBrokerIsAndEventsWaitForIt() throws Exception {
    Http http = new Http(url);
    TestBroker broker = TestBroker.get();
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
    String orderNo = newOrderNo();
    try {
      broker.stop();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                var ready = http.get("/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.body()).contains("broker").contains("DOWN");
              });
      // a change during the outage commits; its event waits in the outbox
      assertThat(http.postJson("api/orders", Http.order(orderNo, 42)).status()).isEqualTo(201);
    } finally {
      broker.start();
    }
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(http.get("/health/ready").status()).isEqualTo(200));
    try (var erp = new ErpEventConsumer(broker.url(), EVENTS)) {
      List<Received> events = erp.receiveUntil(e -> orderNo.equals(e.aggregateId()), WAIT);
      assertThat(events.get(events.size() - 1).type()).isEqualTo("OrderCreated");
    }
  }
}
