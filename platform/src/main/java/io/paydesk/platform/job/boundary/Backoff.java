package io.paydesk.platform.job.boundary;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * When to ask WeChat again about something still open: the n-th check waits the n-th delay, and
 * every later check the last one. Read from configuration as ISO-8601 durations, e.g. {@code
 * PT1M,PT5M,PT15M,PT1H}.
 */
public record Backoff(List<Duration> delays) {

  public Backoff {
    if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException("backoff needs one or more positive durations");
    }
    delays = List.copyOf(delays);
  }

  public static Backoff parse(String text) {
    return new Backoff(
        Arrays.stream(text.split(",")).map(String::trim).map(Duration::parse).toList());
  }

  /** When to check next after {@code checksSoFar} checks. */
  public Instant next(int checksSoFar, Instant now) {
    return now.plus(delays.get(Math.min(Math.max(checksSoFar, 0), delays.size() - 1)));
  }
}
