package io.paydesk.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Plays the ERP: reads PayDesk's events from the broker with the plain JMS client and drops
 * duplicates by event id, as the contract asks every consumer to.
 */
public final class ErpEventConsumer implements AutoCloseable {

  /** One event as received. */
  public record Received(
      String eventId, String type, String aggregateId, String body, boolean duplicate) {}

  /**
   * The contract's schemas, from the module's directory (tests run in admin-jsf or system-tests).
   */
  static final Path CONTRACT = Path.of("..", "docs", "erp-contract");

  private final JMSContext context;
  private final JMSConsumer consumer;
  private final Set<String> seen = new HashSet<>();

  public ErpEventConsumer(String brokerUrl, String queue) {
    ConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
    context =
        factory.createContext(TestBroker.USER, TestBroker.PASSWORD, JMSContext.AUTO_ACKNOWLEDGE);
    consumer = context.createConsumer(context.createQueue(queue));
  }

  /**
   * Receives until an event matching {@code until} arrives (or the timeout passes), and answers
   * everything received on the way, duplicates marked.
   */
  public List<Received> receiveUntil(Predicate<Received> until, Duration timeout) {
    List<Received> received = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Message message = consumer.receive(200);
      if (message == null) {
        continue;
      }
      Received event = read(message);
      received.add(event);
      if (until.test(event)) {
        return received;
      }
    }
    throw new AssertionError("no matching event within " + timeout + "; received " + received);
  }

  private Received read(Message message) {
    try {
      String eventId = message.getStringProperty("eventId");
      Received event =
          new Received(
              eventId,
              message.getStringProperty("eventType"),
              message.getStringProperty("aggregateId"),
              ((TextMessage) message).getText(),
              !seen.add(eventId));
      assertFollowsTheContract(event, message.getIntProperty("eventVersion"));
      return event;
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
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
    context.close();
  }
}
