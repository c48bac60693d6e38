package io.paydesk.erp.outbox.control;

import io.paydesk.erp.messaging.Jms;
import io.paydesk.erp.outbox.entity.PendingEvent;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
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
 * Sends a batch of outbox events to the broker in one JTA transaction of its own (the database is
 * not in it): the broker takes the whole batch at commit, with one journal write instead of one per
 * event, or none of it. Events are never published out of order: a failed batch is sent again, from
 * its first event, by the next pass.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxPublisher {

  private static final Logger LOG = Logger.getLogger(OutboxPublisher.class.getName());

  @Resource(lookup = Jms.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = Jms.ERP_EVENTS)
  Queue events;

  @Resource SessionContext transaction;

  /**
   * Publishes in order; answers the ids of the batch if the broker takes it, none if it does not. A
   * failing commit reaches the caller as an exception: nothing was published.
   */
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
          "outbox publish failed, nothing of the batch published events={0} error={1}",
          new Object[] {batch.size(), e.toString()});
      transaction.setRollbackOnly();
      return List.of();
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
