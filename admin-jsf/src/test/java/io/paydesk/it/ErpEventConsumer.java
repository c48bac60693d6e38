package io.paydesk.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.paydesk.erpsim.EventReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Plays the ERP with the ERP simulator's reader (the plain JMS client, dropping duplicates by event
 * id, as the contract asks every consumer to), and checks each event against the contract.
 */
public final class ErpEventConsumer implements AutoCloseable {

  /** One event as received. */
  public record Received(
      String eventId, String type, String aggregateId, String body, boolean duplicate) {}

  /**
   * The contract's schemas, from the module's directory (tests run in admin-jsf or system-tests).
   */
  static final Path CONTRACT = Path.of("..", "docs", "erp-contract");

  private final EventReader reader;

  public ErpEventConsumer(String brokerUrl, String queue) {
    reader = new EventReader(brokerUrl, TestBroker.USER, TestBroker.PASSWORD, queue);
  }

  /**
   * Receives until an event matching {@code until} arrives (or the timeout passes), and answers
   * everything received on the way, duplicates marked.
   */
  public List<Received> receiveUntil(Predicate<Received> until, Duration timeout) {
    List<Received> received = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      var next = reader.next(Duration.ofMillis(200));
      if (next.isEmpty()) {
        continue;
      }
      EventReader.Event e = next.get();
      Received event =
          new Received(e.eventId(), e.type(), e.aggregateId(), e.body(), e.duplicate());
      assertFollowsTheContract(event, e.version());
      received.add(event);
      if (until.test(event)) {
        return received;
      }
    }
    throw new AssertionError("no matching event within " + timeout + "; received " + received);
  }

  /** Every event that reaches the broker validates against its schema in docs/erp-contract. */
  static void assertFollowsTheContract(Received event, int version) {
    Path schemaFile = CONTRACT.resolve("v" + version).resolve(event.type() + ".schema.json");
    if (!Files.isReadable(schemaFile)) {
      throw new AssertionError(
          "no schema in docs/erp-contract for " + event.type() + " v" + version);
    }
    try (InputStream in = Files.newInputStream(schemaFile)) {
      JsonSchema schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
      Set<ValidationMessage> errors = schema.validate(new ObjectMapper().readTree(event.body()));
      if (!errors.isEmpty()) {
        throw new AssertionError(
            event.type() + " breaks its contract: " + errors + " in " + event.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    reader.close();
  }
}
