package io.paydesk.erp.commands.boundary;

import io.paydesk.erp.commands.control.CommandProcessor;
import io.paydesk.erp.messaging.Jms;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;

/**
 * Takes ERP commands from the one commands queue ({@code paydesk.erp.commands}), each in a JTA
 * transaction that also holds the message's consumption, the command's effect, its journal row and
 * its reply. One queue for every command type: the ERP sets {@code JMSXGroupID} to the order, and
 * the broker hands one order's commands to one session at a time, in the order sent; a queue per
 * type could not keep "create, then ship" in order.
 *
 * <p>The broker and its login come from MicroProfile Config, but Payara expands the {@code
 * ${MPCONFIG=key:default}} placeholders of activation properties while it deploys the application,
 * before the application's own {@code microprofile-config.properties} is visible: the listener sees
 * environment variables ({@code PAYDESK_JMS_PASSWORD}), system properties and the server's
 * configuration only, and otherwise the defaults written here (which match the application's). The
 * password has no default.
 *
 * <p>When anything fails that is not the command's fault (the database is down), the transaction
 * rolls back and the broker redelivers with growing delays; after the last attempt it moves the
 * message to the dead-letter queue (address settings of {@code paydesk.erp.commands}).
 */
@MessageDriven(
    name = "ErpCommandListener",
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "resourceAdapter",
          propertyValue = Jms.RESOURCE_ADAPTER),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      @ActivationConfigProperty(
          propertyName = "destination",
          propertyValue = "${MPCONFIG=paydesk.erp.commands-queue:paydesk.erp.commands}"),
      @ActivationConfigProperty(
          propertyName = "connectorClassName",
          propertyValue =
              "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory"),
      @ActivationConfigProperty(
          propertyName = "connectionParameters",
          propertyValue =
              "host=${MPCONFIG=paydesk.jms.host:127.0.0.1};port=${MPCONFIG=paydesk.jms.port:61616}"),
      @ActivationConfigProperty(
          propertyName = "user",
          propertyValue = "${MPCONFIG=paydesk.jms.user:paydesk}"),
      @ActivationConfigProperty(
          propertyName = "password",
          propertyValue = "${MPCONFIG=paydesk.jms.password}"),
      // up to four commands at once (of different orders: one group goes to one session)
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4"),
      // keep trying to connect while the broker is away at startup
      @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
      @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000")
    })
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class CommandListener implements MessageListener {

  private static final Logger LOG = Logger.getLogger(CommandListener.class.getName());

  @Resource MessageDrivenContext context;

  @EJB CommandProcessor processor;

  @Override
  public void onMessage(Message message) {
    try {
      processor.process(message);
    } catch (JMSException | RuntimeException e) {
      LOG.warning(
          () ->
              "ERP command not processed, rolled back for redelivery messageId="
                  + messageId(message)
                  + " deliveryCount="
                  + deliveryCount(message)
                  + " error="
                  + e);
      context.setRollbackOnly();
    }
  }

  private static String messageId(Message message) {
    try {
      return message.getJMSMessageID();
    } catch (JMSException e) {
      return "?";
    }
  }

  private static String deliveryCount(Message message) {
    try {
      return message.getStringProperty("JMSXDeliveryCount");
    } catch (JMSException e) {
      return "?";
    }
  }
}
