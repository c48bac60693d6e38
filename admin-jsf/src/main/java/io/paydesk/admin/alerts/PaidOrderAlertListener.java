package io.paydesk.admin.alerts;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;

/**
 * This node's subscription to the paid-order alerts of every node ({@link AlertTopic}): a
 * non-durable one (an alert for a node that is down has nobody to go to), with one session, so that
 * each alert reaches this node once. The broker settings are read as erp-ejb's command listener
 * reads them (environment or system properties; defaults written here).
 */
@MessageDriven(
    name = "PaidOrderAlertListener",
    activationConfig = {
      @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Topic"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      @ActivationConfigProperty(propertyName = "destination", propertyValue = AlertTopic.ADDRESS),
      @ActivationConfigProperty(
          propertyName = "subscriptionDurability",
          propertyValue = "NonDurable"),
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
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
      @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
      @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PaidOrderAlertListener implements MessageListener {

  /** Message property: the order the alert is about (for the log). */
  static final String ORDER_NO = "orderNo";

  private static final Logger LOG = Logger.getLogger(PaidOrderAlertListener.class.getName());

  @Inject PaidOrderAlerts alerts;

  @Override
  public void onMessage(Message message) {
    try {
      alerts.pushHere(message.getStringProperty(ORDER_NO), message.getBody(String.class));
    } catch (JMSException e) {
      LOG.warning(() -> "paid-order alert unreadable, dropped error=" + e);
    }
  }
}
