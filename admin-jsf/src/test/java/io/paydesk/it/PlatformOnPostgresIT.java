package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.ErpEventConsumer.Received;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same application switched to PostgreSQL by configuration alone: migrations, commit and
 * rollback, the outbox, and readiness through a database outage.
 */
@ExtendWith(ArquillianExtension.class)
class PlatformOnPostgresIT {

  static final Duration WAIT = Duration.ofSeconds(45);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(Deployments.Database.POSTGRES);
  }

  @ArquillianResource URL url;

  @Test
  void commitsAndRollsBackOnPostgres() {
    Http http = new Http(url);
    String committed = PlatformOnH2IT.newOrderNo();
    String failed = PlatformOnH2IT.newOrderNo();

    assertThat(http.postJson("api/orders", Http.order(committed, 8800)).status()).isEqualTo(201);
    assertThat(http.post("api/test-probe/orders/" + failed + "/create-then-fail").body())
        .isEqualTo("rolled-back");

    assertThat(http.get("api/orders/" + committed).json().getString("status")).isEqualTo("CREATED");
    assertThat(http.get("api/orders/" + failed).status()).isEqualTo(404);
    assertThat(http.get("/health/ready").body()).contains("PostgreSQL");
    try (var erp = new ErpEventConsumer(TestBroker.get().url(), PlatformOnH2IT.EVENTS)) {
      List<Received> events = erp.receiveUntil(e -> committed.equals(e.aggregateId()), WAIT);
      assertThat(events).extracting(Received::aggregateId).doesNotContain(failed);
    }
  }

  @Test
  void readinessIsDownWhileTheDatabaseIsAndUpWhenItReturns() {
    Http http = new Http(url);
    TestPostgres postgres = TestPostgres.get();
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
    try {
      postgres.stop();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                var ready = http.get("/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.body()).contains("database").contains("DOWN");
              });
      assertThat(http.postJson("api/orders", Http.order(PlatformOnH2IT.newOrderNo(), 1)).status())
          .isGreaterThanOrEqualTo(500);
    } finally {
      postgres.start();
    }
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(http.get("/health/ready").status()).isEqualTo(200));
    String after = PlatformOnH2IT.newOrderNo();
    assertThat(http.postJson("api/orders", Http.order(after, 3)).status()).isEqualTo(201);
  }
}
