package io.paydesk.erp.commands.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.paydesk.erp.commands.control.CommandParser.Invalid;
import io.paydesk.erp.commands.control.CommandParser.Valid;
import io.paydesk.erp.commands.entity.Command;
import io.paydesk.erp.commands.entity.CommandReply;
import io.paydesk.erp.commands.entity.CommandType;
import io.paydesk.erp.outbox.control.EventJson;
import io.paydesk.platform.error.boundary.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command schemas in docs/erp-contract/v1/commands and the listener's parser agree: what the
 * schema accepts the parser accepts, and what it refuses the parser rejects. The replies PayDesk
 * writes validate against docs/erp-contract/v1/replies (the integration tests check the replies
 * that really reach the broker as well).
 */
class CommandContractTest {

  static final Path V1 = Path.of("..", "docs", "erp-contract", "v1");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":1999,"description":"T恤"}
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":1,"description":"d","expiresAt":"2026-11-28T12:00:00Z","items":[{"sku":"A","name":"a","quantity":1,"unitPrice":0}]}
          RequestRefund | {"commandId":"c2","orderNo":"SO1","amount":500,"reason":"damaged"}
          RequestRefund | {"commandId":"c2","orderNo":"SO1","amount":500,"reason":"damaged","requestId":"r-1"}
          ApproveRefund | {"commandId":"c3","outRefundNo":"RF2611280501"}
          ShipOrder     | {"commandId":"c4","orderNo":"SO1","carrier":"SF Express","trackingNo":"SF1"}
          CloseOrder    | {"commandId":"c5","orderNo":"SO1","reason":"cancelled"}
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":1,"description":"d","delivery":{"recipientName":"张三","phone":"13800138000","province":"广东省","city":"深圳市","district":"南山区","street":"科技园路 1 号","note":"请放门卫"}}
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":1,"description":"d","delivery":{"recipientName":"李四","phone":"010-12345678","province":"北京市","city":"北京市","district":"朝阳区","street":"建国路 1 号"}}
          ShipOrder     | {"commandId":"c4","orderNo":"SO1","carrier":"自提","trackingNo":"P-7","method":"PICKUP"}
          ShipOrder     | {"commandId":"c4","orderNo":"SO1","carrier":"Jet","trackingNo":"J1","expressCompany":"JTSD"}
          """)
  void whatTheSchemaAcceptsTheListenerAccepts(String type, String body) throws IOException {
    assertThat(schemaErrors("commands/" + type, body)).isEmpty();
    assertThat(CommandParser.parse(type, body)).isInstanceOf(Valid.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":0,"description":"d"}
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":"5","description":"d"}
          CreateOrder   | {"commandId":"c1","orderNo":"SO 1","openid":"o","amount":5,"description":"d"}
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","amount":5,"description":"d"}
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":5,"description":"d","extra":1}
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":5,"description":"d","items":[{"sku":"A"}]}
          RequestRefund | {"commandId":"c2","orderNo":"SO1","amount":500}
          RequestRefund | {"commandId":"c2","orderNo":"SO1","amount":500,"reason":"r","requestId":"no spaces"}
          ApproveRefund | {"commandId":"c3"}
          ShipOrder     | {"commandId":"c4","orderNo":"SO1","carrier":"","trackingNo":"SF1"}
          CloseOrder    | {"commandId":"c5","orderNo":"SO1"}
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":1,"description":"d","delivery":{"recipientName":"张三","phone":"12345","province":"广东省","city":"深圳市","district":"南山区","street":"路"}}
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":1,"description":"d","delivery":{"recipientName":"张三","phone":"13800138000","province":"广东省","city":"深圳市","district":"南山区"}}
          CreateOrder   | {"commandId":"c1","orderNo":"SO1","openid":"o","amount":1,"description":"d","delivery":{"recipientName":"张三","phone":"13800138000","province":"广东省","city":"深圳市","district":"南山区","street":"路","floor":3}}
          ShipOrder     | {"commandId":"c4","orderNo":"SO1","carrier":"SF","trackingNo":"SF1","method":"DRONE"}
          """)
  void whatTheSchemaRefusesTheListenerRejects(String type, String body) throws IOException {
    assertThat(schemaErrors("commands/" + type, body)).isNotEmpty();
    assertThat(CommandParser.parse(type, body)).isInstanceOf(Invalid.class);
  }

  @ParameterizedTest
  @CsvSource({"ACCEPTED_ORDER", "ACCEPTED_REFUND", "REJECTED"})
  void theRepliesPayDeskWritesValidate(String kind) throws IOException {
    Command refund = new Command.RequestRefund("c2", "SO1", 500, "r", "c2");
    CommandReply reply =
        switch (kind) {
          case "ACCEPTED_ORDER" ->
              CommandReply.accepted(
                  new Command.ShipOrder("c4", "SO1", "SF", "1"), "SO1", null, "SHIPPED");
          case "ACCEPTED_REFUND" ->
              CommandReply.accepted(refund, "SO1", "RF2611280501", "PENDING_APPROVAL");
          default ->
              CommandReply.rejected(
                  "c2", CommandType.REQUEST_REFUND, ErrorCode.REFUND_EXCEEDS_PAID, "too much");
        };

    String json = EventJson.write(reply);

    assertThat(schemaErrors("replies/CommandReply", json)).as(json).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"commandId":"c","commandType":"ShipOrder","outcome":"ACCEPTED"}
          {"commandId":"c","commandType":"ShipOrder","outcome":"REJECTED","orderNo":"SO1","status":"PAID","code":"X","reason":"r"}
          {"commandId":"c","commandType":"Fly","outcome":"ACCEPTED","orderNo":"SO1","status":"PAID"}
          """)
  void theReplySchemaRefusesMixedOrIncompleteReplies(String json) throws IOException {
    assertThat(schemaErrors("replies/CommandReply", json)).isNotEmpty();
  }

  static Set<ValidationMessage> schemaErrors(String schema, String json) throws IOException {
    try (InputStream in = Files.newInputStream(V1.resolve(schema + ".schema.json"))) {
      JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
      return s.validate(new ObjectMapper().readTree(json));
    }
  }
}
