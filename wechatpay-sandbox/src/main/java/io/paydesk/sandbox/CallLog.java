package io.paydesk.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

/**
 * Every API call and notification attempt: the last {@value #CAPACITY} in memory (for the admin
 * endpoint and tests) and, with a data directory, appended to {@code calls.log}. Never a key, a
 * signature or a body.
 */
public final class CallLog implements AutoCloseable {
  static final int CAPACITY = 10_000;
  private static final Logger LOG = Logger.getLogger(CallLog.class.getName());

  /**
   * One entry.
   *
   * @param kind {@code API}, {@code PAY_NOTIFY}, {@code REFUND_NOTIFY} or {@code BUYER}
   * @param target the API path or the notify URL
   * @param reference {@code outTradeNo=...} / {@code outRefundNo=...} when known
   * @param outcome e.g. {@code SUCCESS}, {@code FAIL PARAM_ERROR}, {@code attempt=2 status=200
   *     ack=false}
   */
  public record Entry(
      Instant at, String kind, String target, String mchId, String reference, String outcome) {
    String line() {
      return at + " " + kind + " " + target + " mchId=" + mchId + " " + reference + " " + outcome;
    }
  }

  private final Deque<Entry> entries = new ArrayDeque<>();
  private final Writer file;

  CallLog(Path file) {
    try {
      this.file =
          file == null
              ? null
              : Files.newBufferedWriter(
                  file,
                  StandardCharsets.UTF_8,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  void add(String kind, String target, String mchId, String reference, String outcome) {
    Entry entry = new Entry(Instant.now(), kind, target, mchId, reference, outcome);
    LOG.info(entry::line);
    synchronized (this) {
      if (entries.size() == CAPACITY) {
        entries.removeFirst();
      }
      entries.addLast(entry);
      if (file != null) {
        try {
          file.write(entry.line());
          file.write('\n');
          file.flush();
        } catch (IOException e) {
          LOG.warning(() -> "cannot write calls.log: " + e);
        }
      }
    }
  }

  /** The last {@code limit} entries, oldest first. */
  public synchronized List<Entry> last(int limit) {
    List<Entry> all = new ArrayList<>(entries);
    return all.subList(Math.max(0, all.size() - limit), all.size());
  }

  @Override
  public synchronized void close() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        LOG.warning(() -> "cannot close calls.log: " + e);
      }
    }
  }
}
