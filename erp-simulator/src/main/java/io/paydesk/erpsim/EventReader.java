package io.paydesk.erpsim;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Reads PayDesk's events as an ERP would: the plain JMS client, one queue, and a memory of event
 * ids so that a repeat (PayDesk publishes at least once) is recognised and dropped.
 */
public final class EventReader implements AutoCloseable {

  /** One event as it arrived, with the contract's headers. */
  public record Event(
      String eventId,
      String type,
      int version,
      String aggregateType,
      String aggregateId,
      String occurredAt,
      String body,
      boolean duplicate) {}

  /** How many event ids are remembered for dedupe. */
  static final int REMEMBERED = 100_000;

  private final JMSContext context;
  private final JMSConsumer consumer;
  private final Set<String> seen = new LinkedHashSet<>();

  public EventReader(String brokerUrl, String user, String password, String queue) {
    context =
        new ActiveMQConnectionFactory(brokerUrl)
            .createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE);
    consumer = context.createConsumer(context.createQueue(queue));
  }

  /** The next event within {@code wait}, or empty. Duplicates come back marked. */
  public Optional<Event> next(Duration wait) {
    Message message = consumer.receive(Math.max(1, wait.toMillis()));
    return message == null ? Optional.empty() : Optional.of(read(message));
  }

  private Event read(Message message) {
    try {
      String eventId = message.getStringProperty("eventId");
      boolean duplicate = !remember(eventId);
      return new Event(
          eventId,
          message.getStringProperty("eventType"),
          message.getIntProperty("eventVersion"),
          message.getStringProperty("aggregateType"),
          message.getStringProperty("aggregateId"),
          message.getStringProperty("occurredAt"),
          ((TextMessage) message).getText(),
          duplicate);
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable event message", e);
    }
  }

  /** Answers false when the id was seen before. */
  boolean remember(String eventId) {
    if (seen.contains(eventId)) {
      return false;
    }
    seen.add(eventId);
    if (seen.size() > REMEMBERED) {
      seen.remove(seen.iterator().next());
    }
    return true;
  }

  @Override
  public void close() {
    context.close();
  }
}
