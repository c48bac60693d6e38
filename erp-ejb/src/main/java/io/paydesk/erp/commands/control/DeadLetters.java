package io.paydesk.erp.commands.control;

import io.paydesk.erp.messaging.Jms;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;

/**
 * The dead-letter queue of ERP commands ({@code paydesk.erp.commands.dlq}). PayDesk puts a message
 * there itself, with a {@code deadLetterReason}, when nobody can be answered (malformed JSON, an
 * unknown or missing command type, no command id); the broker moves a command there after its last
 * failed delivery (max-delivery-attempts). Copies keep the body, the properties, {@code JMSReplyTo}
 * and the group, so that a replay is the command as the ERP sent it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DeadLetters {

  /** Properties that describe a stay in the dead-letter queue, not the command. */
  static final Set<String> DEAD_LETTER_PROPERTIES =
      Set.of(Jms.DEAD_LETTER_REASON, Jms.DEAD_LETTERED_AT, Jms.ORIGINAL_MESSAGE_ID);

  static final String GROUP = "JMSXGroupID";

  @Resource(lookup = Jms.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = Jms.ERP_DEAD_LETTERS)
  Queue deadLetters;

  @Resource(lookup = Jms.ERP_COMMANDS)
  Queue commands;

  /** Puts a copy of {@code poison} on the dead-letter queue, in the caller's transaction. */
  public void forward(Message poison, String reason) throws JMSException {
    try (JMSContext context = connectionFactory.createContext()) {
      Message copy = copy(context, poison, false);
      copy.setStringProperty(Jms.DEAD_LETTER_REASON, reason);
      copy.setStringProperty(Jms.DEAD_LETTERED_AT, Instant.now().toString());
      copy.setStringProperty(Jms.ORIGINAL_MESSAGE_ID, poison.getJMSMessageID());
      context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(deadLetters, copy);
    }
  }

  /**
   * Takes the dead letter {@code messageId} off the dead-letter queue and puts the command back on
   * the commands queue, in the caller's transaction. Answers false when there is no such message.
   */
  public boolean replay(String messageId) throws JMSException {
    try (JMSContext context = connectionFactory.createContext();
        var consumer = context.createConsumer(deadLetters, "JMSMessageID = '" + messageId + "'")) {
      Message dead = consumer.receive(2000);
      if (dead == null) {
        return false;
      }
      Message command = copy(context, dead, true);
      context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(commands, command);
      return true;
    }
  }

  /** The body, JMSReplyTo, group and application properties of {@code original}. */
  static Message copy(JMSContext context, Message original, boolean withoutDeadLetterProperties)
      throws JMSException {
    Message copy;
    if (original instanceof TextMessage text) {
      copy = context.createTextMessage(text.getText());
    } else if (original instanceof BytesMessage bytes) {
      byte[] body = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(body);
      var message = context.createBytesMessage();
      message.writeBytes(body);
      copy = message;
    } else {
      copy = context.createMessage();
    }
    for (Object name : Collections.list(original.getPropertyNames())) {
      String property = (String) name;
      if (property.startsWith("JMS") || property.startsWith("_AMQ") || property.startsWith("__")) {
        continue;
      }
      if (withoutDeadLetterProperties && DEAD_LETTER_PROPERTIES.contains(property)) {
        continue;
      }
      copy.setObjectProperty(property, original.getObjectProperty(property));
    }
    String group = original.getStringProperty(GROUP);
    if (group != null) {
      copy.setStringProperty(GROUP, group);
    }
    Destination replyTo = original.getJMSReplyTo();
    if (replyTo != null) {
      copy.setJMSReplyTo(replyTo);
    }
    return copy;
  }
}
