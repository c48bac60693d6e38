package io.paydesk.platform.lifecycle.boundary;

import io.paydesk.platform.job.boundary.JobLease;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What this node does when it stops: readiness goes DOWN and the node gives up its job leases, so
 * that another node takes the relay and the janitors over at its next tick rather than when the
 * leases expire; after that the node takes no lease again.
 *
 * <p>On SIGTERM (Ctrl-C on {@code ./paydesk run}) Payara Micro's own shutdown hook stops the server
 * without running the application's {@code @PreDestroy} callbacks while its resources are still
 * usable (measured: the leases stayed held), so this bean registers a JVM shutdown hook of its own;
 * an undeployment without a JVM exit is handled by {@link #undeployed()}.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeShutdown {

  private static final Logger LOG = Logger.getLogger(NodeShutdown.class.getName());

  @EJB JobLease leases;

  private final AtomicBoolean done = new AtomicBoolean();
  private Thread hook;

  @PostConstruct
  void registerHook() {
    hook = new Thread(this::stopping, "paydesk-node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @PreDestroy
  void undeployed() {
    stopping();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException jvmStopping) {
      // the hook is running or has run
    }
  }

  private void stopping() {
    ShutdownReadiness.markStopping();
    if (!done.compareAndSet(false, true)) {
      return;
    }
    try {
      int released = leases.releaseAll();
      LOG.info(() -> "node stopping: readiness DOWN, job leases released count=" + released);
    } catch (RuntimeException e) {
      // the database may be gone already: the leases then expire on their own
      LOG.log(Level.WARNING, "node stopping: job leases not released, they expire error={0}", e);
    }
  }
}
