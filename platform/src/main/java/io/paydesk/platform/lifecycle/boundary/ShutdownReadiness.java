package io.paydesk.platform.lifecycle.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while PayDesk runs; DOWN from the moment this node begins to stop (the JVM's shutdown, see
 * {@link NodeShutdown}, or the application's undeployment), so that a load balancer sends no new
 * notification or request to a node that is going away.
 *
 * <p>With PayDesk's other checks this makes {@code /health/ready} honest. Payara Micro 6 answers
 * {@code UP} with no checks at all while only the resource adapter is deployed (the adapter counts
 * as an application, and Payara 6.2025.10 does not implement MicroProfile Health's {@code
 * mp.health.default.readiness.empty.response}); {@code ./paydesk run} therefore opens the HTTP
 * listener only once PayDesk is deployed, and waits for this check by name.
 */
@Readiness
@ApplicationScoped
// Permitted: the readiness check (/health/ready) has no caller; it answers UP or DOWN only.
@PermitAll
public class ShutdownReadiness implements HealthCheck {

  public static final String NAME = "running";

  /** One per deployment, as the application's classes are. */
  private static final AtomicBoolean STOPPING = new AtomicBoolean();

  /** Marks this node as stopping: readiness is DOWN from now on. */
  static void markStopping() {
    STOPPING.set(true);
  }

  static boolean stopping() {
    return STOPPING.get();
  }

  /** CDI's first announcement when the application is undeployed, before any bean is destroyed. */
  void undeploying(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    markStopping();
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME).status(!stopping()).build();
  }
}
