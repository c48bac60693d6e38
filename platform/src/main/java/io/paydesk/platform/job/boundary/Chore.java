package io.paydesk.platform.job.boundary;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One queue of work a janitor {@link Pass} goes through: the items due now, the step that handles
 * one, and how to put one back on its backoff when its step throws, so that it no longer stands
 * first in the queue. The pass runs each step apart: one item's trouble does not stop the others.
 *
 * @param key the name of an item's key in the log, e.g. {@code outTradeNo}
 * @param due the keys of the items due now, the most overdue first (read when the pass gets to it)
 * @param step handles one item; calls into its own transactions, never the pass's
 * @param putBack puts an item whose step threw back on its backoff, with a short account of why
 */
public record Chore(
    String key,
    Supplier<List<String>> due,
    Consumer<String> step,
    BiConsumer<String, String> putBack) {

  public Chore {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(putBack, "putBack");
  }
}
