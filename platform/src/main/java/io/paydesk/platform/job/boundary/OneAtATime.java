package io.paydesk.platform.job.boundary;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets one thread of this node at a time work on a key (an out_trade_no, an out_refund_no); the
 * others wait here, in memory, holding nothing.
 *
 * <p>Why: a transaction that waits for a row lock in the database holds a pooled connection while
 * it waits, and the transaction holding the lock needs more pool slots to finish (the connection
 * pool is not XA: a second persistence unit in the same transaction takes a slot of its own). A
 * storm of one notification repeated by WeChat, or replayed, would otherwise fill the pool with
 * waiters and starve the one transaction they wait for until the pool's wait time runs out. With
 * this gate at most one transaction per key and node waits for the row lock; the database lock
 * still orders the nodes among themselves.
 *
 * <p>Keys hash onto a fixed set of locks: two keys may share one and then wait for each other,
 * which costs a little time and never correctness.
 */
public final class OneAtATime {

  private final ReentrantLock[] stripes;
  private final Duration patience;

  /**
   * @param stripes how many locks keys hash onto
   * @param patience how long a caller waits for its key before giving up
   */
  public OneAtATime(int stripes, Duration patience) {
    if (stripes < 1) {
      throw new IllegalArgumentException("stripes must be positive: " + stripes);
    }
    this.stripes = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      this.stripes[i] = new ReentrantLock();
    }
    this.patience = patience;
  }

  /**
   * Runs {@code work} while no other thread of this node runs work for {@code key}; empty when the
   * key stayed busy for longer than the patience (the caller answers "try again").
   */
  public <T> Optional<T> run(String key, Supplier<T> work) {
    ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), stripes.length)];
    boolean locked;
    try {
      locked = lock.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (!locked) {
      return Optional.empty();
    }
    try {
      return Optional.of(work.get());
    } finally {
      lock.unlock();
    }
  }
}
