package io.paydesk.erp.commands.control;

import io.paydesk.erp.messaging.Jms;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

/**
 * Sends replies to commands, inside the caller's (XA) transaction: a reply leaves only if the
 * command's outcome commits. The reply goes where the command's {@code JMSReplyTo} says, or to the
 * default replies queue; its {@code JMSCorrelationID} is the command id.
 */
@JMSDestinationDefinition(
    name = Jms.ERP_REPLIES,
    interfaceName = "jakarta.jms.Queue",
    resourceAdapter = Jms.RESOURCE_ADAPTER,
    properties = {"Address=${MPCONFIG=paydesk.erp.replies-queue}"})
@JMSDestinationDefinition(
    name = Jms.ERP_COMMANDS,
    interfaceName = "jakarta.jms.Queue",
    resourceAdapter = Jms.RESOURCE_ADAPTER,
    properties = {"Address=${MPCONFIG=paydesk.erp.commands-queue}"})
@JMSDestinationDefinition(
    name = Jms.ERP_DEAD_LETTERS,
    interfaceName = "jakarta.jms.Queue",
    resourceAdapter = Jms.RESOURCE_ADAPTER,
    properties = {"Address=${MPCONFIG=paydesk.erp.dead-letter-queue}"})
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Replies {

  @Resource(lookup = Jms.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = Jms.ERP_REPLIES)
  Queue defaultReplies;

  public void send(
      Destination replyTo, String commandId, String commandType, String outcome, String json) {
    try (JMSContext context = connectionFactory.createContext()) {
      TextMessage message = context.createTextMessage(json);
      message.setJMSCorrelationID(commandId);
      message.setStringProperty(Jms.COMMAND_ID, commandId);
      message.setStringProperty(Jms.COMMAND_TYPE, commandType);
      message.setStringProperty(Jms.OUTCOME, outcome);
      context
          .createProducer()
          .setDeliveryMode(DeliveryMode.PERSISTENT)
          .send(replyTo != null ? replyTo : defaultReplies, message);
    } catch (JMSException e) {
      throw new IllegalStateException("cannot build the reply to command " + commandId, e);
    }
  }
}
