package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.paydesk.erpsim.CommandClient;
import io.paydesk.erpsim.CommandClient.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Plays the ERP's command side with the ERP simulator's client (the plain JMS client): sends
 * commands with a reply queue of its own, and checks every reply against the contract's schema.
 */
public final class ErpCommands implements AutoCloseable {

  static final Path REPLY_SCHEMA =
      ErpEventConsumer.CONTRACT
          .resolve("v1")
          .resolve("replies")
          .resolve("CommandReply.schema.json");

  private final CommandClient client;
  private final String replyQueue = "it.replies." + UUID.randomUUID();
  private final List<Reply> received = new ArrayList<>();

  public ErpCommands() {
    client =
        new CommandClient(
            TestBroker.get().url(),
            TestBroker.USER,
            TestBroker.PASSWORD,
            TestBroker.COMMANDS,
            replyQueue);
  }

  /** The queue this ERP's commands name in JMSReplyTo. */
  public String replyQueue() {
    return replyQueue;
  }

  public String send(String type, String body, String orderNo) {
    return client.send(type, body, orderNo);
  }

  /** Waits for the reply to {@code commandId}; keeps every other reply received on the way. */
  public Reply replyTo(String commandId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      for (Reply r : received) {
        if (commandId.equals(r.correlationId())) {
          received.remove(r);
          return r;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no reply to " + commandId + " within " + timeout);
      }
      client.nextReply(Duration.ofMillis(200)).ifPresent(this::check);
    }
  }

  /** Replies received and not yet asked for. */
  public List<Reply> drain(Duration wait) {
    client.nextReply(wait).ifPresent(this::check);
    List<Reply> all = new ArrayList<>(received);
    received.clear();
    return all;
  }

  private void check(Reply reply) {
    assertFollowsTheContract(reply.body());
    JsonObject json = json(reply.body());
    assertThat(reply.commandId()).isEqualTo(json.getString("commandId"));
    assertThat(reply.correlationId()).isEqualTo(json.getString("commandId"));
    assertThat(reply.outcome()).isEqualTo(json.getString("outcome"));
    received.add(reply);
  }

  static jakarta.json.JsonArray jsonArray(String body) {
    return Json.createReader(new StringReader(body)).readArray();
  }

  static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  /** Every reply PayDesk sends validates against docs/erp-contract/v1/replies. */
  static void assertFollowsTheContract(String body) {
    try (InputStream in = Files.newInputStream(REPLY_SCHEMA)) {
      JsonSchema schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
      Set<ValidationMessage> errors = schema.validate(new ObjectMapper().readTree(body));
      if (!errors.isEmpty()) {
        throw new AssertionError("reply breaks its contract: " + errors + " in " + body);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
