package io.paydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.erpsim.CommandClient.Reply;
import io.paydesk.it.ErpCommands;
import io.paydesk.it.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PayDesk is stopped while the ERP keeps sending commands; they wait on the broker, and once
 * PayDesk is started again every one is carried out, once, and answered.
 */
class ErpCommandsRestartIT {

  static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void commandsSentWhilePayDeskIsStoppedAreAllAppliedOnceAfterItStarts() throws Exception {
    int port = PayDeskRestartIT.freePort();
    Path work = Files.createTempDirectory("paydesk-erp-restart");
    List<String> orders = new ArrayList<>();
    List<String> commandIds = new ArrayList<>();

    try (MicroProcess paydesk =
            new MicroProcess(
                PayDeskRestartIT.ARTIFACTS, work, port, PayDeskRestartIT.environment(work, port));
        ErpCommands erp = new ErpCommands()) {
      paydesk.start();
      Http http = new Http(paydesk.url().toURL());
      send(erp, orders, commandIds);
      assertThat(erp.replyTo(commandIds.get(0), WAIT).outcome()).isEqualTo("ACCEPTED");

      paydesk.stop();
      for (int i = 0; i < 15; i++) {
        send(erp, orders, commandIds);
      }
      // the same command again, while nobody listens: it must still be applied once
      String repeatedId = commandIds.get(commandIds.size() - 1);
      String repeatedOrder = orders.get(orders.size() - 1);
      erp.send("CreateOrder", body(repeatedId, repeatedOrder), repeatedOrder);

      paydesk.start();
      List<Reply> replies = new ArrayList<>();
      for (String commandId : commandIds.subList(1, commandIds.size())) {
        Reply reply = erp.replyTo(commandId, WAIT);
        assertThat(reply.outcome()).as(reply.body()).isEqualTo("ACCEPTED");
        replies.add(reply);
      }
      Reply again = erp.replyTo(repeatedId, WAIT);
      assertThat(again.body()).isEqualTo(replies.get(replies.size() - 1).body());
      for (String orderNo : orders) {
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  var order = http.get("api/orders/" + orderNo);
                  assertThat(order.status()).isEqualTo(200);
                  assertThat(order.json().getJsonArray("history")).hasSize(1);
                });
      }
    }
  }

  private static void send(ErpCommands erp, List<String> orders, List<String> commandIds) {
    String orderNo = "ER" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    String commandId = "c-" + UUID.randomUUID();
    orders.add(orderNo);
    commandIds.add(commandId);
    erp.send("CreateOrder", body(commandId, orderNo), orderNo);
  }

  private static String body(String commandId, String orderNo) {
    return "{\"commandId\":\""
        + commandId
        + "\",\"orderNo\":\""
        + orderNo
        + "\",\"openid\":\"o-erp\",\"amount\":321,\"description\":\"restart\"}";
  }
}
