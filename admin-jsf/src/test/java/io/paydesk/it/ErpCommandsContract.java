package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.erpsim.CommandClient.Reply;
import io.paydesk.it.ErpEventConsumer.Received;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * ERP commands on the real stack: the broker, the command listener (an MDB on the Artemis adapter),
 * the boundary methods, the database. The ERP side is the ERP simulator's plain JMS client; every
 * reply is checked against the contract's schema. Deployed with paydesk.refund.erp-approval=true.
 */
abstract class ErpCommandsContract {

  static final Duration WAIT = Duration.ofSeconds(60);

  @org.jboss.arquillian.test.api.ArquillianResource java.net.URL url;
  final RefundsContract refunds = new RefundsContract() {};
  final Http http = refunds.http;

  static Map<String, String> settings() {
    return Map.of("paydesk.refund.erp-approval", "true");
  }

  static String id() {
    return "c-" + UUID.randomUUID();
  }

  static String orderNo() {
    return "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  static String createOrder(String commandId, String orderNo, long amount) {
    return "{\"commandId\":\""
        + commandId
        + "\",\"orderNo\":\""
        + orderNo
        + "\",\"openid\":\"o-erp\",\"amount\":"
        + amount
        + ",\"description\":\"ERP order\",\"items\":[{\"sku\":\"TS-1\",\"name\":\"T恤\","
        + "\"quantity\":1,\"unitPrice\":"
        + amount
        + "}]}";
  }

  static JsonObject body(Reply reply) {
    return ErpCommands.json(reply.body());
  }

  /** Puts a CreateOrder command straight into the dead-letter queue; answers its message id. */
  static String deadLettered(ErpCommands erp, String body, String orderNo) throws Exception {
    try (JMSContext context =
        new ActiveMQConnectionFactory(TestBroker.get().url())
            .createContext(TestBroker.USER, TestBroker.PASSWORD, JMSContext.AUTO_ACKNOWLEDGE)) {
      TextMessage message = context.createTextMessage(body);
      message.setStringProperty("commandType", "CreateOrder");
      message.setStringProperty("JMSXGroupID", "Order:" + orderNo);
      message.setJMSReplyTo(context.createQueue(erp.replyQueue()));
      context.createProducer().send(context.createQueue(TestBroker.COMMANDS_DLQ), message);
      return message.getJMSMessageID().substring(3);
    }
  }

  Reply command(ErpCommands erp, String type, String body, String orderNo) {
    String commandId = ErpCommands.json(body).getString("commandId");
    erp.send(type, body, orderNo);
    return erp.replyTo(commandId, WAIT);
  }

  @Test
  void everyCommandRoundTripsThroughTheBoundary() {
    try (var erp = new ErpCommands()) {
      String open = orderNo();
      Reply created = command(erp, "CreateOrder", createOrder(id(), open, 1999), open);
      assertThat(created.outcome()).as(created.body()).isEqualTo("ACCEPTED");
      assertThat(body(created).getString("orderNo")).isEqualTo(open);
      assertThat(body(created).getString("status")).isEqualTo("CREATED");
      assertThat(refunds.payments.order(open).getJsonArray("items").toString()).contains("TS-1");

      Reply closed =
          command(
              erp,
              "CloseOrder",
              "{\"commandId\":\"" + id() + "\",\"orderNo\":\"" + open + "\",\"reason\":\"void\"}",
              open);
      assertThat(body(closed).getString("status")).as(closed.body()).isEqualTo("CLOSED");
      assertThat(refunds.status(open)).isEqualTo("CLOSED");

      String paid = refunds.paidOrder(50_000);
      Reply shipped =
          command(
              erp,
              "ShipOrder",
              "{\"commandId\":\""
                  + id()
                  + "\",\"orderNo\":\""
                  + paid
                  + "\",\"carrier\":\"SF Express\",\"trackingNo\":\"SF1\"}",
              paid);
      assertThat(body(shipped).getString("status")).as(shipped.body()).isEqualTo("SHIPPED");

      Reply requested =
          command(
              erp,
              "RequestRefund",
              "{\"commandId\":\""
                  + id()
                  + "\",\"orderNo\":\""
                  + paid
                  + "\",\"amount\":20000,\"reason\":\"returned\"}",
              paid);
      assertThat(body(requested).getString("status"))
          .as(requested.body())
          .isEqualTo("PENDING_APPROVAL");
      String outRefundNo = body(requested).getString("outRefundNo");

      Reply approved =
          command(
              erp,
              "ApproveRefund",
              "{\"commandId\":\"" + id() + "\",\"outRefundNo\":\"" + outRefundNo + "\"}",
              paid);
      assertThat(body(approved).getString("status")).as(approved.body()).isEqualTo("APPROVED");
      assertThat(refunds.refund(outRefundNo).getJsonArray("history").toString())
          .contains("system:erp");
      refunds.awaitRefundStatus(outRefundNo, "REFUNDED");

      try (var events = new ErpEventConsumer(TestBroker.get().url(), PlatformOnH2IT.EVENTS)) {
        List<Received> seen = new ArrayList<>();
        seen.addAll(
            events.receiveUntil(
                e -> open.equals(e.aggregateId()) && "OrderClosed".equals(e.type()), WAIT));
        seen.addAll(
            events.receiveUntil(
                e -> paid.equals(e.aggregateId()) && "RefundSucceeded".equals(e.type()), WAIT));
        assertThat(seen.stream().filter(e -> open.equals(e.aggregateId())).map(Received::type))
            .containsSubsequence("OrderCreated", "OrderClosed");
        assertThat(seen.stream().filter(e -> paid.equals(e.aggregateId())).map(Received::type))
            .containsSubsequence(
                "OrderShipped", "RefundRequested", "RefundApproved", "RefundSucceeded");
      }
    }
  }

  @Test
  void theSameCommandTwiceHasOneEffectAndTwoIdenticalReplies() {
    try (var erp = new ErpCommands()) {
      String commandId = id();
      String first = orderNo();
      String other = orderNo();

      Reply reply = command(erp, "CreateOrder", createOrder(commandId, first, 700), first);
      Reply again = command(erp, "CreateOrder", createOrder(commandId, first, 700), first);
      // the same command id with another body is the same command: answered as before, not done
      Reply reused = command(erp, "CreateOrder", createOrder(commandId, other, 800), other);

      assertThat(reply.outcome()).isEqualTo("ACCEPTED");
      assertThat(again.body()).isEqualTo(reply.body());
      assertThat(reused.body()).isEqualTo(reply.body());
      assertThat(http.get("api/orders/" + other).status()).isEqualTo(404);

      String paid = refunds.paidOrder(3000);
      String refundCommand =
          "{\"commandId\":\""
              + id()
              + "\",\"orderNo\":\""
              + paid
              + "\",\"amount\":100,\"reason\":\"twice\"}";
      Reply refund = command(erp, "RequestRefund", refundCommand, paid);
      Reply refundAgain = command(erp, "RequestRefund", refundCommand, paid);
      assertThat(refundAgain.body()).isEqualTo(refund.body());
      JsonArray listed =
          jakarta.json.Json.createReader(
                  new java.io.StringReader(http.get("api/orders/" + paid + "/refunds").body()))
              .readArray();
      assertThat(listed).hasSize(1);
    }
  }

  @Test
  void aCommandThatBreaksARuleIsRejectedWithItsCodeAndChangesNothing() {
    try (var erp = new ErpCommands()) {
      String unknown = orderNo();
      Reply notFound =
          command(
              erp,
              "ShipOrder",
              "{\"commandId\":\""
                  + id()
                  + "\",\"orderNo\":\""
                  + unknown
                  + "\",\"carrier\":\"SF\",\"trackingNo\":\"1\"}",
              unknown);
      assertThat(notFound.outcome()).isEqualTo("REJECTED");
      assertThat(body(notFound).getString("code")).isEqualTo("ORDER_NOT_FOUND");

      String unpaid = orderNo();
      command(erp, "CreateOrder", createOrder(id(), unpaid, 500), unpaid);
      String shipId = id();
      Reply notPaid =
          command(
              erp,
              "ShipOrder",
              "{\"commandId\":\""
                  + shipId
                  + "\",\"orderNo\":\""
                  + unpaid
                  + "\",\"carrier\":\"SF\",\"trackingNo\":\"1\"}",
              unpaid);
      assertThat(body(notPaid).getString("code")).isEqualTo("ILLEGAL_TRANSITION");
      assertThat(body(notPaid).getString("reason")).contains("CREATED");
      assertThat(refunds.status(unpaid)).isEqualTo("CREATED");

      String invalidId = id();
      Reply invalid =
          command(
              erp,
              "CreateOrder",
              "{\"commandId\":\""
                  + invalidId
                  + "\",\"orderNo\":\"bad no!\",\"amount\":-1,\"colour\":\"red\"}",
              null);
      assertThat(body(invalid).getString("code")).isEqualTo("INVALID_REQUEST");
      assertThat(body(invalid).getString("reason"))
          .contains("orderNo", "amount", "openid is required", "colour is not a field");

      String bigOrder = refunds.paidOrder(200_000);
      Reply fourEyes =
          command(
              erp,
              "RequestRefund",
              "{\"commandId\":\""
                  + id()
                  + "\",\"orderNo\":\""
                  + bigOrder
                  + "\",\"amount\":150000,\"reason\":\"big\"}",
              bigOrder);
      Reply forbidden =
          command(
              erp,
              "ApproveRefund",
              "{\"commandId\":\""
                  + id()
                  + "\",\"outRefundNo\":\""
                  + body(fourEyes).getString("outRefundNo")
                  + "\"}",
              bigOrder);
      assertThat(body(forbidden).getString("code")).isEqualTo("REFUND_APPROVAL_FORBIDDEN");
      assertThat(refunds.refund(body(fourEyes).getString("outRefundNo")).getString("status"))
          .isEqualTo("PENDING_APPROVAL");

      // a rejection is answered once: its reply commits on its own, the processor's condemned
      // transaction rolls back quietly and the message is acknowledged, not redelivered
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> erp.drain(Duration.ofMillis(200)).isEmpty());
    }
  }

  @Test
  void aCommandWithoutJmsReplyToIsAnsweredOnTheDefaultRepliesQueue() throws Exception {
    String orderNo = orderNo();
    String commandId = id();
    try (JMSContext context =
        new ActiveMQConnectionFactory(TestBroker.get().url())
            .createContext(TestBroker.USER, TestBroker.PASSWORD, JMSContext.AUTO_ACKNOWLEDGE)) {
      TextMessage message = context.createTextMessage(createOrder(commandId, orderNo, 650));
      message.setStringProperty("commandType", "CreateOrder");
      context.createProducer().send(context.createQueue(TestBroker.COMMANDS), message);
      try (var replies =
          context.createConsumer(
              context.createQueue(TestBroker.REPLIES), "JMSCorrelationID = '" + commandId + "'")) {
        var reply = replies.receive(WAIT.toMillis());
        assertThat(reply).as("a reply on " + TestBroker.REPLIES).isNotNull();
        String body = reply.getBody(String.class);
        ErpCommands.assertFollowsTheContract(body);
        assertThat(ErpCommands.json(body).getString("outcome")).isEqualTo("ACCEPTED");
      }
    }
    assertThat(refunds.status(orderNo)).isEqualTo("CREATED");
  }

  @Test
  void poisonMessagesAreDeadLetteredWithAReasonAndTheQueueKeepsFlowing() {
    try (var erp = new ErpCommands()) {
      erp.send("CreateOrder", "{\"commandId\": \"x\", oops", null);
      erp.send("LaunchRocket", "{\"commandId\":\"" + id() + "\"}", null);
      erp.send(null, "{\"commandId\":\"" + id() + "\"}", null);
      String after = orderNo();
      Reply flowing = command(erp, "CreateOrder", createOrder(id(), after, 900), after);
      assertThat(flowing.outcome()).isEqualTo("ACCEPTED");

      Http admin = http.as("admin", Deployments.ADMIN_PASSWORD);
      Map<String, JsonObject> dead = new HashMap<>();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                dead.clear();
                var list = admin.get("api/staff/erp/dead-letters?max=1000");
                assertThat(list.status()).as(list.body()).isEqualTo(200);
                jakarta.json.Json.createReader(new java.io.StringReader(list.body()))
                    .readArray()
                    .forEach(
                        v -> dead.put("ID:" + v.asJsonObject().getString("id"), v.asJsonObject()));
                assertThat(dead.values().stream().map(v -> v.getString("reason", "")).toList())
                    .anyMatch(r -> r.startsWith("malformed JSON"))
                    .anyMatch(r -> r.contains("unknown commandType LaunchRocket"))
                    .anyMatch(r -> r.contains("no commandType"));
              });
      assertThat(
              dead.values().stream()
                  .filter(v -> v.getString("body", "").contains("oops"))
                  .findFirst()
                  .orElseThrow()
                  .getString("commandType"))
          .isEqualTo("CreateOrder");

      assertThat(http.anonymous().get("api/staff/erp/dead-letters").status()).isEqualTo(401);
      assertThat(refunds.staff("fin.one").get("api/staff/erp/dead-letters").status())
          .isEqualTo(403);
      assertThat(
              refunds
                  .staff("fin.one")
                  .post("api/staff/erp/dead-letters/" + UUID.randomUUID() + "/replay")
                  .status())
          .isEqualTo(403);
    }
  }

  @Test
  void aDeadLetterReplayedGoesBackToTheCommandsQueueAndIsCarriedOut() throws Exception {
    try (var erp = new ErpCommands()) {
      String orderNo = orderNo();
      String commandId = id();
      // a command the broker dead-lettered (say, after the database was down too long)
      String messageId = deadLettered(erp, createOrder(commandId, orderNo, 1200), orderNo);
      Http admin = http.as("admin", Deployments.ADMIN_PASSWORD);
      assertThat(admin.get("api/staff/erp/dead-letters?max=1000").body()).contains(messageId);
      assertThat(http.get("api/orders/" + orderNo).status()).isEqualTo(404);

      var replayed = admin.post("api/staff/erp/dead-letters/" + messageId + "/replay");
      assertThat(replayed.status()).as(replayed.body()).isEqualTo(204);

      Reply reply = erp.replyTo(commandId, WAIT);
      assertThat(reply.outcome()).as(reply.body()).isEqualTo("ACCEPTED");
      assertThat(refunds.status(orderNo)).isEqualTo("CREATED");
      assertThat(admin.get("api/staff/erp/dead-letters?max=1000").body()).doesNotContain(messageId);
      assertThat(admin.post("api/staff/erp/dead-letters/" + messageId + "/replay").status())
          .isEqualTo(404);
    }
  }

  @Test
  void anAdministratorSeesDeadLettersOnTheConsoleAndReplaysOne() throws Exception {
    try (var erp = new ErpCommands()) {
      String poisonId = id();
      erp.send("LaunchRocket", "{\"commandId\":\"" + poisonId + "\"}", null);
      String orderNo = orderNo();
      String commandId = id();
      String messageId = deadLettered(erp, createOrder(commandId, orderNo, 1300), orderNo);
      Console admin = new Console(url, "admin", Deployments.ADMIN_PASSWORD);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(admin.get("admin/erp/dead-letters.xhtml").text())
                      .contains(poisonId, "unknown commandType LaunchRocket", "LaunchRocket"));
      var page = admin.get("admin/erp/dead-letters.xhtml");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.html()).contains("id=\"nav-dead-letters\"");
      assertThat(page.text())
          .contains(commandId, "CreateOrder", messageId, "\"orderNo\":\"" + orderNo);

      String replay = page.button("data-dead-letter=\"" + messageId + "\"", ":replay");
      var replayed = admin.submit("dead-letters", replay, Map.of());
      assertThat(replayed.status()).isEqualTo(200);
      assertThat(replayed.text())
          .contains("Dead letter " + messageId + " sent back to the commands queue")
          .doesNotContain(commandId);
      Reply reply = erp.replyTo(commandId, WAIT);
      assertThat(reply.outcome()).as(reply.body()).isEqualTo("ACCEPTED");
      assertThat(refunds.status(orderNo)).isEqualTo("CREATED");
      assertThat(admin.get("admin/audit.xhtml").text()).contains("erp.dead-letter.replay");

      // SUPPORT and FINANCE are refused the page and a hand-made post of its form
      for (String user : List.of("sup.one", "fin.one")) {
        refunds.staff(user);
        Console other = new Console(url, user, RefundsContract.STAFF_PASSWORD);
        assertThat(other.get("admin/erp/dead-letters.xhtml").status()).as(user).isEqualTo(403);
        assertThat(other.get("admin/index.xhtml").html()).doesNotContain("nav-dead-letters");
        assertThat(
                other
                    .post(
                        "admin/erp/dead-letters.xhtml",
                        Map.of(
                            "dead-letters",
                            "dead-letters",
                            replay,
                            "pressed",
                            "jakarta.faces.ViewState",
                            page.viewState()))
                    .status())
            .as(user)
            .isEqualTo(403);
      }
    }
  }

  @Test
  void aBrokerRestartMidStreamLosesNoCommandNorEventAndAppliesNoneTwice() throws Exception {
    TestBroker broker = TestBroker.get();
    List<String> orders = new ArrayList<>();
    List<String> commandIds = new ArrayList<>();
    try (var erp = new ErpCommands()) {
      for (int i = 0; i < 10; i++) {
        String orderNo = orderNo();
        String commandId = id();
        orders.add(orderNo);
        commandIds.add(commandId);
        erp.send("CreateOrder", createOrder(commandId, orderNo, 100 + i), orderNo);
      }
      erp.replyTo(commandIds.get(0), WAIT);
      broker.stop();
      broker.start();
    }
    try (var erp = new ErpCommands()) {
      for (int i = 10; i < 20; i++) {
        String orderNo = orderNo();
        String commandId = id();
        orders.add(orderNo);
        commandIds.add(commandId);
        erp.send("CreateOrder", createOrder(commandId, orderNo, 100 + i), orderNo);
      }
      for (String commandId : commandIds.subList(10, 20)) {
        assertThat(erp.replyTo(commandId, WAIT).outcome()).isEqualTo("ACCEPTED");
      }
    }
    // every order exists once; its OrderCreated reaches a deduplicating consumer exactly once
    for (String orderNo : orders) {
      await().atMost(WAIT).until(() -> http.get("api/orders/" + orderNo).status() == 200);
    }
    try (var events = new ErpEventConsumer(broker.url(), PlatformOnH2IT.EVENTS)) {
      Map<String, Integer> created = new HashMap<>();
      events.receiveUntil(
          e -> {
            if ("OrderCreated".equals(e.type())
                && orders.contains(e.aggregateId())
                && !e.duplicate()) {
              created.merge(e.aggregateId(), 1, Integer::sum);
            }
            return created.size() == orders.size();
          },
          WAIT);
      assertThat(created).hasSize(20).allSatisfy((orderNo, count) -> assertThat(count).isOne());
    }
  }
}
