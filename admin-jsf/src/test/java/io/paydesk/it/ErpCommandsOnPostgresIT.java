package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.erpsim.CommandClient.Reply;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.util.Collections;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class ErpCommandsOnPostgresIT extends ErpCommandsContract {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(Deployments.Database.POSTGRES, settings());
  }

  /**
   * A transient failure: while the database is down every delivery rolls back, the broker
   * redelivers with growing delays and after its last attempt moves the command to the dead-letter
   * queue; nothing was answered. With the database back, an administrator replays it and it is
   * carried out once.
   */
  @Test
  void aCommandWhileTheDatabaseIsDownIsRetriedThenDeadLetteredAndReplayedWhenItIsBack() {
    TestPostgres postgres = TestPostgres.get();
    String orderNo = orderNo();
    String commandId = id();
    try (var erp = new ErpCommands()) {
      try {
        postgres.stop();
        erp.send("CreateOrder", createOrder(commandId, orderNo, 4242), orderNo);
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> assertThat(deadLettersFromTheBroker()).anyMatch(b -> b.contains(commandId)));
        assertThat(erp.drain(java.time.Duration.ofMillis(500))).isEmpty();
      } finally {
        postgres.start();
      }
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(http.get("/health/ready").status()).isEqualTo(200));

      Http admin = http.as("admin", Deployments.ADMIN_PASSWORD);
      var dead =
          ErpCommands.jsonArray(admin.get("api/staff/erp/dead-letters?max=1000").body()).stream()
              .map(v -> v.asJsonObject())
              .filter(v -> commandId.equals(v.getString("commandId", null)))
              .findFirst()
              .orElseThrow();
      assertThat(dead.getString("reason")).contains("delivery attempts exhausted");
      assertThat(dead.getString("originalAddress")).isEqualTo(TestBroker.COMMANDS);

      var replayed = admin.post("api/staff/erp/dead-letters/" + dead.getString("id") + "/replay");
      assertThat(replayed.status()).as(replayed.body()).isEqualTo(204);
      Reply reply = erp.replyTo(commandId, WAIT);
      assertThat(reply.outcome()).as(reply.body()).isEqualTo("ACCEPTED");
      assertThat(refunds.status(orderNo)).isEqualTo("CREATED");
    }
  }

  /** Bodies of the messages the broker moved to the dead-letter queue (read without the app). */
  static List<String> deadLettersFromTheBroker() throws Exception {
    try (JMSContext context =
            new ActiveMQConnectionFactory(TestBroker.get().url())
                .createContext(TestBroker.USER, TestBroker.PASSWORD, JMSContext.AUTO_ACKNOWLEDGE);
        var browser = context.createBrowser(context.createQueue(TestBroker.COMMANDS_DLQ))) {
      List<String> bodies = new java.util.ArrayList<>();
      for (Object each : Collections.list(browser.getEnumeration())) {
        Message m = (Message) each;
        if (m.getStringProperty("_AMQ_ORIG_ADDRESS") != null) {
          bodies.add(m.getBody(String.class));
        }
      }
      return bodies;
    }
  }
}
