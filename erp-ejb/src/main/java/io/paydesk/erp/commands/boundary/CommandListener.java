package io.paydesk.erp.commands.boundary;

import io.paydesk.erp.commands.control.CommandProcessor;
import io.paydesk.erp.messaging.Jms;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;

/**
 * Takes ERP commands from the one commands queue ({@code paydesk.erp.commands}). One queue for
 * every command type: the ERP sets {@code JMSXGroupID} to the order, and the broker hands one
 * order's commands to one session at a time, in the order sent; a queue per type could not keep
 * "create, then ship" in order.
 *
 * <p><b>Why the message is not consumed in the XA transaction.</b> The command's effect, its
 * journal row and its reply commit in a JTA transaction of their own ({@link
 * CommandProcessor#process}); the message is consumed in a <em>local</em> JMS transaction of the
 * resource adapter's session ({@code useLocalTx=true}, no JTA transaction here: {@code
 * NOT_SUPPORTED}), which the adapter commits after {@code onMessage} returns and rolls back when it
 * throws. So the message is acknowledged only once the command's outcome is durable. When both were
 * one XA transaction, a SIGKILL inside its two-phase commit left the broker's branch prepared:
 * Payara Micro starts again without a transaction log, and the Artemis adapter does no recovery on
 * Payara, so the message stayed in limbo, neither redelivered nor answered (crash scenario 4 of
 * issue #14, {@code ErpCommandsCrashIT}). Now a kill before the acknowledgement only closes the
 * session: the broker redelivers the message, and the journal either finds the command id (the
 * effect committed: the same reply is sent again, which the ERP drops by command id, as the
 * contract says) or does not (nothing committed: the command is carried out as if for the first
 * time).
 *
 * <p>The broker and its login come from MicroProfile Config, but Payara expands the {@code
 * ${MPCONFIG=key:default}} placeholders of activation properties while it deploys the application,
 * before the application's own {@code microprofile-config.properties} is visible: the listener sees
 * environment variables ({@code PAYDESK_JMS_PASSWORD}), system properties and the server's
 * configuration only, and otherwise the defaults written here (which match the application's). The
 * password has no default.
 *
 * <p>When anything fails that is not the command's fault (the database is down), the processor's
 * transaction rolls back, {@code onMessage} throws, the adapter rolls the local transaction back
 * and the broker redelivers with growing delays; after the last attempt it moves the message to the
 * dead-letter queue (address settings of {@code paydesk.erp.commands}).
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
      // consume in a local JMS transaction, acknowledged after the processor's JTA transaction
      // committed (see the class comment: no XA branch left prepared by a crash)
      @ActivationConfigProperty(propertyName = "useLocalTx", propertyValue = "true"),
      // keep trying to connect while the broker is away at startup
      @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
      @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CommandListener implements MessageListener {

  private static final Logger LOG = Logger.getLogger(CommandListener.class.getName());

  @EJB CommandProcessor processor;

  /**
   * Hands the message to the processor, which commits its outcome before this returns. Throws when
   * it could not: the adapter then rolls back the local transaction and the broker redelivers.
   */
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
      throw new IllegalStateException(
          "ERP command " + messageId(message) + " not processed, left for redelivery", e);
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
