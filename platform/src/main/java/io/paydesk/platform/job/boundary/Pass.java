package io.paydesk.platform.job.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A background pass run from a one-second tick: at most every {@code interval}, one at a time on
 * this node, and on one node at a time (the named {@link JobLease}). A failed pass is logged and
 * the next interval tries again.
 *
 * <p>The payment and refund janitors share it, as a list of {@link Chore}s: each due item is
 * handled by its own step (the janitor runs without a transaction, so each step's changes commit or
 * roll back on their own). An item whose step throws is logged with its key and put back on its
 * backoff, and the pass goes on with the next item: one poison item neither aborts the pass nor,
 * standing first in the due queue, blocks every later one.
 */
public final class Pass {

  private static final Logger LOG = Logger.getLogger(Pass.class.getName());

  private final String lease;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Instant last = Instant.EPOCH;

  public Pass(String lease) {
    this(lease, Clock.systemUTC());
  }

  Pass(String lease, Clock clock) {
    this.lease = lease;
    this.clock = clock;
  }

  /** Runs {@code work} if {@code interval} has gone by since the last pass started. */
  public int tick(Duration interval, JobLease leases, IntSupplier work) {
    Instant now = clock.instant();
    if (now.isBefore(last.plus(interval))) {
      return 0;
    }
    last = now;
    return run(interval, leases, work);
  }

  /** Goes through {@code chores} if {@code interval} has gone by since the last pass started. */
  public int tick(Duration interval, JobLease leases, List<Chore> chores) {
    return tick(interval, leases, () -> sweep(chores));
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

  /**
   * Goes through {@code chores} now, on the terms of {@link #run(Duration, JobLease, IntSupplier)}.
   */
  public int run(Duration interval, JobLease leases, List<Chore> chores) {
    return run(interval, leases, () -> sweep(chores));
  }

  /**
   * Each chore in turn, each of its due items in its own step; answers how many items it looked at,
   * failed ones included. Only reading a due queue can end the pass early (the database is then out
   * of reach, and the next interval tries again).
   */
  int sweep(List<Chore> chores) {
    int seen = 0;
    for (Chore chore : chores) {
      for (String item : chore.due().get()) {
        seen++;
        try {
          chore.step().accept(item);
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING,
              "pass " + lease + " step failed, put back on its backoff " + chore.key() + "=" + item,
              e);
          putBack(chore, item, e);
        }
      }
    }
    return seen;
  }

  private void putBack(Chore chore, String item, RuntimeException failure) {
    try {
      chore.putBack().accept(item, "janitor step failed: " + describe(failure));
    } catch (RuntimeException e) {
      LOG.warning(
          () ->
              "pass "
                  + lease
                  + " could not put back "
                  + chore.key()
                  + "="
                  + item
                  + " error="
                  + describe(e));
    }
  }

  /** The innermost cause, which says what went wrong better than the container's wrappers. */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null
        ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
