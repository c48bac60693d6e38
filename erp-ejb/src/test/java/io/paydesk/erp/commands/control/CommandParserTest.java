package io.paydesk.erp.commands.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.erp.commands.control.CommandParser.Invalid;
import io.paydesk.erp.commands.control.CommandParser.Poison;
import io.paydesk.erp.commands.control.CommandParser.Valid;
import io.paydesk.erp.commands.entity.Command;
import io.paydesk.erp.commands.entity.CommandType;
import io.paydesk.payment.entity.Order;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandParserTest {

  @Test
  void aCreateOrderBecomesItsCommandWithItems() {
    var parsed =
        CommandParser.parse(
            "CreateOrder",
            """
            {"commandId":"erp-1","orderNo":"SO1","openid":"o-1","amount":1999,
             "description":"T恤","expiresAt":"2026-11-28T12:00:00Z",
             "items":[{"sku":"TS","name":"T恤","quantity":2,"unitPrice":999}]}
            """);

    assertThat(parsed).isInstanceOf(Valid.class);
    var command = (Command.CreateOrder) ((Valid) parsed).command();
    assertThat(command.commandId()).isEqualTo("erp-1");
    assertThat(command.amount()).isEqualTo(1999);
    assertThat(command.expiresAt()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
    assertThat(command.items()).containsExactly(new Command.Item("TS", "T恤", 2, 999));
  }

  @Test
  void theOrderRulesAreTheOrdersOwn() {
    String longest = "S".repeat(Order.MAX_ORDER_NO);
    String create =
        "{\"commandId\":\"erp-2\",\"orderNo\":\"%s\",\"openid\":\"o-1\",\"amount\":%d,"
            + "\"description\":\"x\"}";

    assertThat(CommandParser.parse("CreateOrder", create.formatted(longest, Order.MAX_AMOUNT)))
        .isInstanceOf(Valid.class);
    assertThat(CommandParser.parse("CreateOrder", create.formatted(longest + "S", 1)))
        .isInstanceOfSatisfying(
            Invalid.class, i -> assertThat(i.reason()).contains("orderNo must match"));
    assertThat(CommandParser.parse("CreateOrder", create.formatted("SO-1", Order.MAX_AMOUNT + 1)))
        .isInstanceOfSatisfying(
            Invalid.class, i -> assertThat(i.reason()).contains("amount is from 1 to"));
  }

  @Test
  void eachTypeDispatchesToItsCommand() {
    assertThat(
            valid(
                "ShipOrder",
                "{\"commandId\":\"c\",\"orderNo\":\"S\",\"carrier\":\"SF\",\"trackingNo\":\"1\"}"))
        .isInstanceOf(Command.ShipOrder.class);
    assertThat(valid("CloseOrder", "{\"commandId\":\"c\",\"orderNo\":\"S\",\"reason\":\"void\"}"))
        .isInstanceOf(Command.CloseOrder.class);
    assertThat(valid("ApproveRefund", "{\"commandId\":\"c\",\"outRefundNo\":\"RF1\"}"))
        .isInstanceOf(Command.ApproveRefund.class);
    assertThat(
            valid(
                "RequestRefund",
                "{\"commandId\":\"c\",\"orderNo\":\"S\",\"amount\":1,\"reason\":\"r\"}"))
        .isInstanceOf(Command.RequestRefund.class);
  }

  @Test
  void aRefundRequestWithoutRequestIdUsesTheCommandId() {
    var refund =
        (Command.RequestRefund)
            valid(
                "RequestRefund",
                "{\"commandId\":\"erp:42.a\",\"orderNo\":\"S\",\"amount\":5,\"reason\":\"r\"}");

    assertThat(refund.requestId()).isEqualTo("erp-42-a");
  }

  @Test
  void whatNobodyCanBeAnsweredForIsPoison() {
    assertThat(poison(null, "{}")).contains("no commandType");
    assertThat(poison("LaunchRocket", "{\"commandId\":\"c\"}")).contains("unknown commandType");
    assertThat(poison("CreateOrder", "{\"commandId\": oops")).startsWith("malformed JSON");
    assertThat(poison("CreateOrder", "[1,2]")).contains("not a JSON object");
    assertThat(poison("CreateOrder", null)).contains("no body");
    assertThat(poison("CreateOrder", "{\"orderNo\":\"S\"}")).contains("no valid commandId");
    assertThat(poison("CreateOrder", "{\"commandId\":\"has space\"}")).contains("commandId");
  }

  @Test
  void aWellFormedCommandThatBreaksItsSchemaIsInvalidWithEveryReason() {
    var parsed =
        CommandParser.parse(
            "CreateOrder",
            "{\"commandId\":\"c1\",\"orderNo\":\"bad no!\",\"amount\":-5,\"description\":\" \","
                + "\"expiresAt\":\"tomorrow\",\"colour\":\"red\",\"items\":[{\"sku\":\"A\"}]}");

    assertThat(parsed).isInstanceOf(Invalid.class);
    Invalid invalid = (Invalid) parsed;
    assertThat(invalid.commandId()).isEqualTo("c1");
    assertThat(invalid.type()).isEqualTo(CommandType.CREATE_ORDER);
    assertThat(invalid.reason())
        .contains(
            "orderNo must match",
            "openid is required",
            "amount is from 1",
            "description is 1 to 128",
            "expiresAt is an ISO-8601 instant",
            "colour is not a field",
            "items[0].name is required",
            "items[0].quantity is required");
  }

  @Test
  void numbersMustBeWholeAndStringsStrings() {
    var parsed =
        CommandParser.parse(
            "RequestRefund", "{\"commandId\":\"c\",\"orderNo\":7,\"amount\":1.5,\"reason\":\"r\"}");

    assertThat(((Invalid) parsed).reason())
        .contains("orderNo is a string", "amount is a whole number");
  }

  private static Command valid(String type, String body) {
    var parsed = CommandParser.parse(type, body);
    assertThat(parsed).as(body).isInstanceOf(Valid.class);
    return ((Valid) parsed).command();
  }

  private static String poison(String type, String body) {
    var parsed = CommandParser.parse(type, body);
    assertThat(parsed).as(body).isInstanceOf(Poison.class);
    return ((Poison) parsed).reason();
  }
}
