package io.paydesk.admin.alerts;

import io.paydesk.admin.Format;
import io.paydesk.payment.boundary.OrderPaid;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.event.WebsocketEvent;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Live alerts: once a payment has committed, every member of staff with the console open hears of
 * it, on whichever node their console is connected to. The channel is per user ({@code f:websocket
 * user="#{request.remoteUser}"}, rendered only for a logged-in user), so nothing goes to a socket
 * without a logged-in user behind it.
 *
 * <p>The node where the payment committed publishes the alert on a JMS topic ({@link AlertTopic});
 * every node's {@link PaidOrderAlertListener} hears it and pushes it to the consoles connected to
 * that node. When the topic cannot be reached, the alert still goes to this node's consoles.
 */
@ApplicationScoped
public class PaidOrderAlerts {

  public static final String CHANNEL = "paidOrders";

  private static final Logger LOG = Logger.getLogger(PaidOrderAlerts.class.getName());

  @Inject
  @Push(channel = CHANNEL)
  PushContext push;

  @Inject Format format;

  @EJB AlertTopic topic;

  /** Users with at least one console page open on this node, and how many. */
  private final Map<Serializable, Integer> connected = new ConcurrentHashMap<>();

  void onPaid(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderPaid paid) {
    String message =
        Json.createObjectBuilder()
            .add("orderNo", paid.orderNo())
            .add("amount", format.yuan(paid.amount()))
            .add("paidAt", format.time(paid.paidAt()))
            .build()
            .toString();
    // asynchronous: the answer to WeChat's notification does not wait for the broker
    topic.publish(paid.orderNo(), message);
  }

  /** Pushes an alert to the consoles open on this node (from the topic, or instead of it). */
  void pushHere(String orderNo, String message) {
    Set<Serializable> users = Set.copyOf(connected.keySet());
    if (users.isEmpty()) {
      return;
    }
    try {
      push.send(message, users);
    } catch (RuntimeException e) {
      // an alert that cannot be pushed must not disturb the payment, which has committed
      LOG.warning(() -> "paid-order alert not pushed orderNo=" + orderNo + " error=" + e);
    }
  }

  void opened(@Observes @WebsocketEvent.Opened WebsocketEvent event) {
    if (CHANNEL.equals(event.getChannel()) && event.getUser() != null) {
      connected.merge(event.getUser(), 1, Integer::sum);
    }
  }

  void closed(@Observes @WebsocketEvent.Closed WebsocketEvent event) {
    if (CHANNEL.equals(event.getChannel()) && event.getUser() != null) {
      connected.computeIfPresent(event.getUser(), (user, n) -> n > 1 ? n - 1 : null);
    }
  }
}
