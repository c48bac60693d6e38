package io.paydesk.platform.job.boundary;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A background pass run from a one-second tick: at most every {@code interval}, one at a time on
 * this node, and on one node at a time (the named {@link JobLease}). A failed pass is logged and
 * the next interval tries again. The payment and refund janitors share it.
 */
public final class Pass {

  private static final Logger LOG = Logger.getLogger(Pass.class.getName());

  private final String lease;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Instant last = Instant.EPOCH;

  public Pass(String lease) {
    this.lease = lease;
  }

  /** Runs {@code work} if {@code interval} has gone by since the last pass started. */
  public int tick(Duration interval, JobLease leases, IntSupplier work) {
    if (Instant.now().isBefore(last.plus(interval))) {
      return 0;
    }
    last = Instant.now();
    return run(interval, leases, work);
  }

  /**
   * Runs {@code work} now unless a pass is already running here or another node holds the lease
   * (held for four intervals, renewed by every pass); answers what {@code work} answered, or 0.
   */
  public int run(Duration interval, JobLease leases, IntSupplier work) {
    if (!running.compareAndSet(false, true)) {
      return 0;
    }
    try {
      if (!leases.tryAcquire(lease, interval.multipliedBy(4))) {
        return 0;
      }
      return work.getAsInt();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "pass " + lease + " failed, retrying next interval", e);
      return 0;
    } finally {
      running.set(false);
    }
  }
}
