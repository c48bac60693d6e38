package io.paydesk.erp.outbox.control;

import io.paydesk.erp.messaging.Jms;
import io.paydesk.erp.outbox.entity.PendingEvent;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends outbox events to the broker, outside any transaction: each send returns once the broker has
 * the message. Stops at the first failure, so events are never published out of order.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxPublisher {

  private static final Logger LOG = Logger.getLogger(OutboxPublisher.class.getName());

  @Resource(lookup = Jms.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = Jms.ERP_EVENTS)
  Queue events;

  /** Publishes in order; answers the ids of those the broker accepted, a prefix of the list. */
  public List<String> publish(List<PendingEvent> batch) {
    List<String> sent = new ArrayList<>(batch.size());
    if (batch.isEmpty()) {
      return sent;
    }
    try (JMSContext context = connectionFactory.createContext()) {
      JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
      for (PendingEvent event : batch) {
        producer.send(events, message(context, event));
        sent.add(event.eventId());
      }
    } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
      LOG.log(
          Level.WARNING,
          "outbox publish stopped sent={0} pending={1} error={2}",
          new Object[] {sent.size(), batch.size() - sent.size(), e.toString()});
    }
    return sent;
  }

  private static TextMessage message(JMSContext context, PendingEvent event)
      throws jakarta.jms.JMSException {
    TextMessage message = context.createTextMessage(event.payload());
    var header = event.header();
    message.setStringProperty(Jms.EVENT_ID, event.eventId());
    message.setStringProperty(Jms.EVENT_TYPE, header.type());
    message.setIntProperty(Jms.EVENT_VERSION, header.version());
    message.setStringProperty(Jms.AGGREGATE_TYPE, header.aggregateType());
    message.setStringProperty(Jms.AGGREGATE_ID, header.aggregateId());
    message.setStringProperty(Jms.OCCURRED_AT, header.occurredAt().toString());
    // keeps one aggregate's events on one consumer, in order, when the ERP runs several
    message.setStringProperty("JMSXGroupID", header.aggregateType() + ":" + header.aggregateId());
    return message;
  }
}
