package io.paydesk.erpsim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErpSimulatorTest {

  @Test
  void aRepeatedEventIsPrintedAsDroppedWithoutItsBody() {
    var first =
        new EventReader.Event(
            "e1",
            "OrderPaid",
            1,
            "Order",
            "SO1",
            "2026-11-28T04:11:45Z",
            "{\"amount\":1999}",
            false);
    var repeat =
        new EventReader.Event(
            "e1",
            "OrderPaid",
            1,
            "Order",
            "SO1",
            "2026-11-28T04:11:45Z",
            "{\"amount\":1999}",
            true);

    assertThat(ErpSimulator.format(first))
        .contains("OrderPaid v1", "Order SO1", "eventId=e1", "{\"amount\":1999}");
    assertThat(ErpSimulator.format(repeat)).contains("dropped").doesNotContain("amount");
  }

  @Test
  void optionsArePairs() {
    assertThat(ErpSimulator.options(new String[] {"events", "--count", "3", "--queue", "q"}))
        .containsEntry("--count", "3")
        .containsEntry("--queue", "q");
  }

  @Test
  void aSubcommandBecomesItsCommandWithTheOrderAsGroup() {
    var command =
        ErpSimulator.command(
            "create-order",
            ErpSimulator.options(
                new String[] {
                  "create-order",
                  "--order-no",
                  "SO1",
                  "--amount",
                  "1999",
                  "--description",
                  "T恤 \"白色\"",
                  "--command-id",
                  "c-1"
                }));

    assertThat(command.type()).isEqualTo("CreateOrder");
    assertThat(command.orderNo()).isEqualTo("SO1");
    assertThat(command.commandId()).isEqualTo("c-1");
    assertThat(command.body())
        .isEqualTo(
            "{\"commandId\":\"c-1\",\"orderNo\":\"SO1\",\"openid\":\"o-erp-buyer\","
                + "\"amount\":1999,\"description\":\"T恤 \\\"白色\\\"\"}");
  }

  @Test
  void anUnknownSubcommandIsNone() {
    assertThat(ErpSimulator.command("fly", ErpSimulator.options(new String[] {"fly"}))).isNull();
  }
}
