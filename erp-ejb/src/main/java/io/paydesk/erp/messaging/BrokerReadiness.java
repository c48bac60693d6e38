package io.paydesk.erp.messaging;

import io.paydesk.erp.outbox.control.OutboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the broker's acceptor takes a connection within two seconds. The detail shows the
 * outbox backlog: how many committed events wait for the broker, and the oldest one's age.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

  @Inject
  @ConfigProperty(name = "paydesk.jms.host")
  String host;

  @Inject
  @ConfigProperty(name = "paydesk.jms.port")
  int port;

  @Inject OutboxStore outbox;

  /**
   * Created with the application, not on the first health request: Payara runs health checks on its
   * own threads, where the application's configuration cannot be read.
   */
  void init(@Observes @Initialized(ApplicationScoped.class) Object started) {}

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("broker").withData("broker", host + ":" + port);
    try {
      var backlog = outbox.backlog();
      response.withData("outboxBacklog", backlog.count());
      response.withData("outboxOldestAgeSeconds", backlog.oldestAgeSeconds());
    } catch (RuntimeException e) {
      response.withData("outboxBacklog", "unknown");
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      return response.up().build();
    } catch (IOException e) {
      return response.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
