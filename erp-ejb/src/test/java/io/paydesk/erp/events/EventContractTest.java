package io.paydesk.erp.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.paydesk.erp.outbox.control.EventJson;
import io.paydesk.payment.boundary.OrderClosed;
import io.paydesk.payment.boundary.OrderCreated;
import io.paydesk.payment.boundary.OrderPaid;
import io.paydesk.payment.boundary.OrderShipped;
import io.paydesk.refund.boundary.RefundApproved;
import io.paydesk.refund.boundary.RefundFailed;
import io.paydesk.refund.boundary.RefundRejected;
import io.paydesk.refund.boundary.RefundRequested;
import io.paydesk.refund.boundary.RefundSucceeded;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every event body PayDesk emits validates against its schema in docs/erp-contract (the integration
 * tests check the messages that really reach the broker as well).
 */
class EventContractTest {

  static final Path SCHEMAS = Path.of("..", "docs", "erp-contract", "v1");
  static final Instant AT = Instant.parse("2026-11-28T04:11:45.123Z");

  static final Map<String, Object> EVENTS =
      Map.ofEntries(
          Map.entry(
              "RefundRequested",
              new RefundRequested("SO1", "RF1", 300, "damaged", "shop", AT, "1900000109")),
          Map.entry(
              "RefundApproved",
              new RefundApproved("SO1", "RF1", 300, List.of("auto"), AT, "1900000109")),
          Map.entry(
              "RefundRejected",
              new RefundRejected("SO1", "RF1", 300, "lin.wei", "not ours", AT, "1900000109")),
          Map.entry(
              "RefundSucceeded",
              new RefundSucceeded("SO1", "RF1", "50300000001", 300, AT, "1900000109")),
          Map.entry(
              "RefundFailed", new RefundFailed("SO1", "RF1", 300, "NOTENOUGH", AT, "1900000109")),
          Map.entry(
              "RefundSettledOffline",
              new io.paydesk.refund.boundary.RefundSettledOffline(
                  "SO1",
                  "RF1",
                  300,
                  "BANK_TRANSFER",
                  "ICBC20261128001",
                  "li.na",
                  AT,
                  "1900000109")),
          Map.entry(
              "OrderCreated",
              new OrderCreated(
                  "SO1", "o-buyer", 1999, "T恤, 白色", AT, AT.plusSeconds(7200), "1900000109")),
          Map.entry(
              "OrderPaid",
              new OrderPaid(
                  "SO1",
                  "PD2611280411421d36696ffb38491897",
                  "4200202611281310432365848324",
                  1999,
                  AT,
                  "1900000109")),
          Map.entry("OrderShipped", new OrderShipped("SO1", "SF Express", "SF1234567890", AT)),
          Map.entry("OrderClosed", new OrderClosed("SO1", "expired unpaid", AT)));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "OrderCreated",
        "OrderPaid",
        "OrderShipped",
        "OrderClosed",
        "RefundRequested",
        "RefundApproved",
        "RefundRejected",
        "RefundSucceeded",
        "RefundFailed",
        "RefundSettledOffline"
      })
  void theBodyPayDeskWritesValidatesAgainstItsSchema(String type) throws IOException {
    Set<ValidationMessage> errors = validate(type, EventJson.write(EVENTS.get(type)));

    assertThat(errors).as(type).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "OrderCreated",
        "OrderPaid",
        "OrderShipped",
        "OrderClosed",
        "RefundRequested",
        "RefundApproved",
        "RefundRejected",
        "RefundSucceeded",
        "RefundFailed",
        "RefundSettledOffline"
      })
  void aBodyMissingAFieldOrCarryingAnUnknownOneDoesNot(String type) throws IOException {
    String json = EventJson.write(EVENTS.get(type));

    assertThat(
            validate(
                type, json.replace("\"orderNo\":\"SO1\",", "").replace(",\"orderNo\":\"SO1\"", "")))
        .isNotEmpty();
    assertThat(validate(type, json.replaceFirst("\\{", "{\"surprise\":1,"))).isNotEmpty();
  }

  @org.junit.jupiter.api.Test
  void aReconciliationCompletedBodyValidatesAndAMissingOrUnknownFieldDoesNot() throws IOException {
    Map<String, Long> byType = new java.util.TreeMap<>();
    for (var type : io.paydesk.reconciliation.entity.DiscrepancyType.values()) {
      byType.put(type.name(), 0L);
    }
    byType.put("PAID_AT_WECHAT_ONLY", 1L);
    var event =
        new io.paydesk.reconciliation.boundary.ReconciliationCompleted(
            "1900000109",
            "2026-11-27",
            1,
            new io.paydesk.reconciliation.boundary.ReconciliationCompleted.Figures(
                12, 199900, 1, 500),
            new io.paydesk.reconciliation.boundary.ReconciliationCompleted.Figures(
                12, 199900, 1, 500),
            119940,
            1,
            byType,
            AT);
    String json = EventJson.write(event);
    String type = "ReconciliationCompleted";

    assertThat(validate(type, json)).isEmpty();
    assertThat(validate(type, json.replace("\"billDate\":\"2026-11-27\",", ""))).isNotEmpty();
    assertThat(validate(type, json.replaceFirst("\\{", "{\"surprise\":1,"))).isNotEmpty();
    assertThat(validate(type, json.replace("\"PAYDESK_ONLY\":0,", ""))).isNotEmpty();
  }

  static Set<ValidationMessage> validate(String type, String json) throws IOException {
    try (InputStream in = Files.newInputStream(SCHEMAS.resolve(type + ".schema.json"))) {
      JsonSchema schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
      return schema.validate(new ObjectMapper().readTree(json));
    }
  }
}
