package io.paydesk.erp.outbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.erp.messaging.Jms;
import io.paydesk.erp.outbox.entity.EventHeader;
import io.paydesk.erp.outbox.entity.PendingEvent;
import jakarta.ejb.SessionContext;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OutboxPublisher's batch, with hand-written fakes of the JMS API: no container, no broker. */
class OutboxPublisherTest {

  private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

  private final Queue events =
      fake(
          Queue.class,
          (p, m, a) ->
              switch (m.getName()) {
                case "equals" -> p == a[0];
                case "hashCode" -> System.identityHashCode(p);
                case "toString", "getQueueName" -> "paydesk.erp.events";
                default -> throw new UnsupportedOperationException(m.getName());
              });
  private final Broker broker = new Broker();
  private final OutboxPublisher publisher = new OutboxPublisher();

  {
    publisher.connectionFactory = broker.factory();
    publisher.events = events;
    publisher.transaction = broker.transaction();
  }

  @Test
  void aBatchIsSentInOrderPersistentWithItsHeadersAndItsIdsAnswered() {
    List<String> sent =
        publisher.publish(
            List.of(event(1, "ev-1", "Order", "SO-1"), event(2, "ev-2", "Refund", "RF-1")));

    assertThat(sent).containsExactly("ev-1", "ev-2");
    assertThat(broker.sent).hasSize(2);
    Map<String, Object> first = broker.sent.get(0);
    assertThat(first)
        .containsEntry("destination", events)
        .containsEntry("deliveryMode", DeliveryMode.PERSISTENT)
        .containsEntry("body", "{\"seq\":1}")
        .containsEntry(Jms.EVENT_ID, "ev-1")
        .containsEntry(Jms.EVENT_TYPE, "OrderPaid")
        .containsEntry(Jms.EVENT_VERSION, 1)
        .containsEntry(Jms.AGGREGATE_TYPE, "Order")
        .containsEntry(Jms.AGGREGATE_ID, "SO-1")
        .containsEntry(Jms.OCCURRED_AT, "2026-12-04T10:00:00Z")
        .containsEntry("JMSXGroupID", "Order:SO-1");
    assertThat(broker.sent.get(1)).containsEntry("JMSXGroupID", "Refund:RF-1");
    assertThat(broker.rolledBack).isFalse();
    assertThat(broker.contextsClosed).isEqualTo(1);
  }

  @Test
  void aBrokerFailureMidBatchRollsTheWholeBatchBackAndAnswersNothingSent() {
    broker.failOnSend = 2;

    List<String> sent =
        publisher.publish(
            List.of(
                event(1, "ev-1", "Order", "SO-1"),
                event(2, "ev-2", "Order", "SO-1"),
                event(3, "ev-3", "Order", "SO-1")));

    assertThat(sent).isEmpty();
    assertThat(broker.rolledBack).isTrue();
    assertThat(broker.contextsClosed).isEqualTo(1);
  }

  @Test
  void anEmptyBatchDoesNotTouchTheBroker() {
    assertThat(publisher.publish(List.of())).isEmpty();
    assertThat(broker.contextsOpened).isZero();
  }

  private static PendingEvent event(long seq, String id, String aggregateType, String aggregateId) {
    return new PendingEvent(
        seq,
        id,
        new EventHeader("OrderPaid", 1, aggregateType, aggregateId, AT),
        "{\"seq\":" + seq + "}");
  }

  /** Records what a JMSContext sends; can fail the n-th send as a broker outage would. */
  private static final class Broker {
    final List<Map<String, Object>> sent = new ArrayList<>();
    final Map<Object, Map<String, Object>> messages = new IdentityHashMap<>();
    int failOnSend;
    int sends;
    int contextsOpened;
    int contextsClosed;
    boolean rolledBack;

    ConnectionFactory factory() {
      return fake(
          ConnectionFactory.class,
          (p, m, a) -> {
            if (m.getName().equals("createContext") && a == null) {
              contextsOpened++;
              return context();
            }
            throw new UnsupportedOperationException(m.getName());
          });
    }

    SessionContext transaction() {
      return fake(
          SessionContext.class,
          (p, m, a) -> {
            if (m.getName().equals("setRollbackOnly")) {
              rolledBack = true;
              return null;
            }
            throw new UnsupportedOperationException(m.getName());
          });
    }

    private JMSContext context() {
      return fake(
          JMSContext.class,
          (p, m, a) ->
              switch (m.getName()) {
                case "createProducer" -> producer();
                case "createTextMessage" -> message((String) a[0]);
                case "close" -> {
                  contextsClosed++;
                  yield null;
                }
                default -> throw new UnsupportedOperationException(m.getName());
              });
    }

    private JMSProducer producer() {
      Map<String, Object> settings = new LinkedHashMap<>();
      return fake(
          JMSProducer.class,
          (p, m, a) ->
              switch (m.getName()) {
                case "setDeliveryMode" -> {
                  settings.put("deliveryMode", a[0]);
                  yield p;
                }
                case "send" -> {
                  if (++sends == failOnSend) {
                    throw new JMSRuntimeException("broker gone");
                  }
                  Map<String, Object> message = new LinkedHashMap<>(messages.get(a[1]));
                  message.put("destination", a[0]);
                  message.putAll(settings);
                  sent.add(message);
                  yield p;
                }
                default -> throw new UnsupportedOperationException(m.getName());
              });
    }

    private TextMessage message(String body) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("body", body);
      TextMessage message =
          fake(
              TextMessage.class,
              (p, m, a) ->
                  switch (m.getName()) {
                    case "setStringProperty", "setIntProperty" -> {
                      fields.put((String) a[0], a[1]);
                      yield null;
                    }
                    case "getText" -> body;
                    default -> throw new UnsupportedOperationException(m.getName());
                  });
      messages.put(message, fields);
      return message;
    }
  }

  private static <T> T fake(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
