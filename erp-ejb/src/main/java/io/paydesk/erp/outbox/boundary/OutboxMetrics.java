package io.paydesk.erp.outbox.boundary;

import io.paydesk.erp.outbox.control.OutboxStore;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * The outbox as monitoring sees it ({@code /metrics}): events committed but not yet on the broker,
 * and how long the oldest has waited (the relay's lag). Readiness shows the same figures.
 */
@ApplicationScoped
// Permitted: counts only, for the metrics endpoint.
@PermitAll
public class OutboxMetrics {

  @EJB OutboxStore store;

  /** Registered with the application, not on the first scrape. */
  void init(@Observes @Initialized(ApplicationScoped.class) Object started) {}

  @Gauge(
      name = "paydesk.outbox.backlog",
      unit = MetricUnits.NONE,
      absolute = true,
      description = "Events committed and not yet published to the broker")
  public long backlog() {
    return store.backlog().count();
  }

  @Gauge(
      name = "paydesk.outbox.lag",
      unit = MetricUnits.SECONDS,
      absolute = true,
      description = "Age of the oldest event not yet published to the broker")
  public long lag() {
    return store.backlog().oldestAgeSeconds();
  }
}
