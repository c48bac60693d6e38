package io.paydesk.admin.alerts;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import java.util.logging.Logger;

/**
 * Publishes paid-order alerts to every PayDesk node through a JMS topic on the broker the ERP
 * integration uses (its connection factory, declared by the outbox relay).
 *
 * <p>Why a topic and not the data grid's clustered CDI events: the broker is outside the nodes, so
 * the death of any node (or a data grid split in two) leaves the others' subscriptions working, one
 * code path serves one node and many, and the same WAR runs in the EAR on Payara Server. An alert
 * is a convenience, not a record (the order list and the ERP events are): it is published after the
 * payment committed, outside its transaction, so that a broker outage never stops a payment; a node
 * that dies between the commit and the publication loses that one alert. Messages are
 * non-persistent and expire after a minute: nobody wants an old alert.
 */
@JMSDestinationDefinition(
    name = AlertTopic.TOPIC,
    interfaceName = "jakarta.jms.Topic",
    // the Artemis resource adapter deployed beside the application (erp-ejb's Jms.RESOURCE_ADAPTER)
    resourceAdapter = "artemis-rar",
    properties = {"Address=" + AlertTopic.ADDRESS})
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: called by the observer of a committed payment, with whatever caller committed it (the
// shop's API client, WeChat's anonymous notification, a janitor's timer).
@PermitAll
public class AlertTopic {

  static final String TOPIC = "java:app/jms/PaidOrderAlerts";
  static final String ADDRESS = "paydesk.alerts.paid-orders";

  /** erp-ejb's connection factory (Jms.CONNECTION_FACTORY), the one broker login PayDesk has. */
  static final String CONNECTION_FACTORY = "java:app/jms/PayDeskConnectionFactory";

  private static final long TIME_TO_LIVE_MS = 60_000;
  private static final Logger LOG = Logger.getLogger(AlertTopic.class.getName());

  @Resource(lookup = CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = TOPIC)
  Topic topic;

  @Inject PaidOrderAlerts alerts;

  /**
   * Publishes one alert to every node; when the broker cannot take it, pushes it to this node's
   * consoles at least.
   */
  @Asynchronous
  public void publish(String orderNo, String message) {
    try (JMSContext context = connectionFactory.createContext()) {
      context
          .createProducer()
          .setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT)
          .setTimeToLive(TIME_TO_LIVE_MS)
          .setProperty(PaidOrderAlertListener.ORDER_NO, orderNo)
          .send(topic, message);
    } catch (JMSRuntimeException e) {
      LOG.warning(
          () ->
              "paid-order alert not published, this node's consoles only orderNo="
                  + orderNo
                  + " error="
                  + e);
      alerts.pushHere(orderNo, message);
    }
  }
}
