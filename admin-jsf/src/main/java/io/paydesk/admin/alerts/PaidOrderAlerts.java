package io.paydesk.admin.alerts;

import io.paydesk.admin.Format;
import io.paydesk.payment.boundary.OrderPaid;
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
 * it. The channel is per user ({@code f:websocket user="#{request.remoteUser}"}, rendered only for
 * a logged-in user), so nothing goes to a socket without a logged-in user behind it.
 */
@ApplicationScoped
public class PaidOrderAlerts {

  public static final String CHANNEL = "paidOrders";

  private static final Logger LOG = Logger.getLogger(PaidOrderAlerts.class.getName());

  @Inject
  @Push(channel = CHANNEL)
  PushContext push;

  @Inject Format format;

  /** Users with at least one console page open, and how many. */
  private final Map<Serializable, Integer> connected = new ConcurrentHashMap<>();

  void onPaid(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderPaid paid) {
    Set<Serializable> users = Set.copyOf(connected.keySet());
    if (users.isEmpty()) {
      return;
    }
    String message =
        Json.createObjectBuilder()
            .add("orderNo", paid.orderNo())
            .add("amount", format.yuan(paid.amount()))
            .add("paidAt", format.time(paid.paidAt()))
            .build()
            .toString();
    try {
      push.send(message, users);
    } catch (RuntimeException e) {
      // an alert that cannot be pushed must not disturb the payment, which has committed
      LOG.warning(() -> "paid-order alert not pushed orderNo=" + paid.orderNo() + " error=" + e);
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
