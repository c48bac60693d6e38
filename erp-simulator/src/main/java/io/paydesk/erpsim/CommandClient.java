package io.paydesk.erpsim;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends commands to PayDesk as an ERP would (docs/erp-contract.md): the plain JMS client, a text
 * message with the JSON body, the {@code commandType} property, {@code JMSXGroupID} set to the
 * order so one order's commands stay in order, and {@code JMSReplyTo} naming where the reply should
 * go.
 */
public final class CommandClient implements AutoCloseable {

  /** A reply as it arrived. */
  public record Reply(
      String correlationId, String commandId, String commandType, String outcome, String body) {}

  private final JMSContext context;
  private final Queue commands;
  private final Queue replies;
  private final JMSConsumer replyConsumer;

  /**
   * @param repliesQueue the queue named in JMSReplyTo, and read for replies
   */
  public CommandClient(
      String brokerUrl, String user, String password, String commandsQueue, String repliesQueue) {
    context =
        new ActiveMQConnectionFactory(brokerUrl)
            .createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE);
    commands = context.createQueue(commandsQueue);
    replies = context.createQueue(repliesQueue);
    replyConsumer = context.createConsumer(replies);
  }

  /**
   * Sends a command; {@code commandType} or {@code group} may be null (a command without a type is
   * dead-lettered). Answers the message's JMSMessageID.
   */
  public String send(String commandType, String body, String group) {
    try {
      TextMessage message = context.createTextMessage(body);
      if (commandType != null) {
        message.setStringProperty("commandType", commandType);
      }
      if (group != null) {
        message.setStringProperty("JMSXGroupID", "Order:" + group);
      }
      message.setJMSReplyTo(replies);
      context.createProducer().send(commands, message);
      return message.getJMSMessageID();
    } catch (JMSException e) {
      throw new IllegalStateException("cannot send the command", e);
    }
  }

  /** The next reply within {@code wait}, or empty. */
  public Optional<Reply> nextReply(Duration wait) {
    Message message = replyConsumer.receive(Math.max(1, wait.toMillis()));
    if (message == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Reply(
              message.getJMSCorrelationID(),
              message.getStringProperty("commandId"),
              message.getStringProperty("commandType"),
              message.getStringProperty("outcome"),
              ((TextMessage) message).getText()));
    } catch (JMSException e) {
      throw new IllegalStateException("unreadable reply", e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
