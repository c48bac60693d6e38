package io.paydesk.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults injected at run time, all off by default. Rates are probabilities in [0, 1] drawn per call
 * (or per notification attempt); 1.0 makes a fault certain, which is what tests use. Thread-safe:
 * every setting is a volatile field read once per decision.
 */
public final class Faults {
  private volatile Duration latency = Duration.ZERO;
  private volatile double systemErrorRate;
  private volatile double resetRate;
  private volatile double notifyDropRate;
  private volatile double notifyDuplicateRate;
  private volatile Duration notifyDelay = Duration.ZERO;
  private volatile Duration notifyReorderWindow = Duration.ZERO;
  private volatile Instant secapiDownUntil;

  /** Every API answer is delayed by this much. */
  public Faults latency(Duration value) {
    latency = nonNegative(value);
    return this;
  }

  /** This share of API calls answers {@code result_code=FAIL, err_code=SYSTEMERROR} (signed). */
  public Faults systemErrorRate(double rate) {
    systemErrorRate = rate(rate);
    return this;
  }

  /** This share of API calls has its connection closed without an answer (after being read). */
  public Faults resetRate(double rate) {
    resetRate = rate(rate);
    return this;
  }

  /** This share of notification attempts is never sent (counts as an unanswered attempt). */
  public Faults notifyDropRate(double rate) {
    notifyDropRate = rate(rate);
    return this;
  }

  /** This share of notification attempts is sent twice, concurrently. */
  public Faults notifyDuplicateRate(double rate) {
    notifyDuplicateRate = rate(rate);
    return this;
  }

  /** The first attempt of every notification waits this much longer (not time-scaled). */
  public Faults notifyDelay(Duration value) {
    notifyDelay = nonNegative(value);
    return this;
  }

  /**
   * Every notification attempt waits a random extra time in [0, window) (not time-scaled), so
   * notifications overtake each other.
   */
  public Faults notifyReorderWindow(Duration value) {
    notifyReorderWindow = nonNegative(value);
    return this;
  }

  /** {@code /secapi/*} answers HTTP 503 for this long from now (zero: up again). */
  public Faults secapiDownFor(Duration value) {
    secapiDownUntil = value.isZero() ? null : Instant.now().plus(nonNegative(value));
    return this;
  }

  /** Switches every fault off. */
  public Faults reset() {
    latency = Duration.ZERO;
    systemErrorRate = 0;
    resetRate = 0;
    notifyDropRate = 0;
    notifyDuplicateRate = 0;
    notifyDelay = Duration.ZERO;
    notifyReorderWindow = Duration.ZERO;
    secapiDownUntil = null;
    return this;
  }

  Duration latency() {
    return latency;
  }

  boolean systemError() {
    return roll(systemErrorRate);
  }

  boolean resetConnection() {
    return roll(resetRate);
  }

  boolean dropNotification() {
    return roll(notifyDropRate);
  }

  boolean duplicateNotification() {
    return roll(notifyDuplicateRate);
  }

  Duration notifyDelay() {
    return notifyDelay;
  }

  Duration reorderJitter() {
    long window = notifyReorderWindow.toMillis();
    return window <= 0
        ? Duration.ZERO
        : Duration.ofMillis(ThreadLocalRandom.current().nextLong(window));
  }

  boolean secapiDown() {
    Instant until = secapiDownUntil;
    return until != null && Instant.now().isBefore(until);
  }

  /** The settings, for the admin endpoint. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("latency_ms", latency.toMillis());
    m.put("system_error_rate", systemErrorRate);
    m.put("reset_rate", resetRate);
    m.put("notify_drop_rate", notifyDropRate);
    m.put("notify_duplicate_rate", notifyDuplicateRate);
    m.put("notify_delay_ms", notifyDelay.toMillis());
    m.put("notify_reorder_window_ms", notifyReorderWindow.toMillis());
    Instant until = secapiDownUntil;
    m.put(
        "secapi_down_until",
        until == null || Instant.now().isAfter(until) ? null : until.toString());
    return m;
  }

  private static boolean roll(double rate) {
    return rate > 0 && (rate >= 1 || ThreadLocalRandom.current().nextDouble() < rate);
  }

  private static double rate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("a rate is between 0 and 1: " + rate);
    }
    return rate;
  }

  private static Duration nonNegative(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + value);
    }
    return value;
  }
}
