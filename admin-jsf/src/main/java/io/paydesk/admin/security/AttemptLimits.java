package io.paydesk.admin.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Abuse limits on credentials: failed logins (console form and HTTP Basic) and failed API keys are
 * counted per account (user name or key id) and per caller address in Bucket4j token buckets; once
 * a bucket is empty, every attempt with that account or from that address is refused with 429 and
 * {@code Retry-After} until the bucket refills, before any password is hashed. A successful attempt
 * costs nothing, so a script that authenticates correctly on every call is never slowed down; the
 * per-account lockout ({@code paydesk.security.lockout-after}) still applies on top.
 *
 * <p>Where the buckets live: in Payara's data grid through JCache (Hazelcast), so that all nodes of
 * a cluster count together, when the grid runs; on a node whose data grid is switched off (a single
 * {@code ./paydesk run}, the integration tests) in this node's memory. Limits come from {@code
 * paydesk.security.rate-limit.*} (README, Configuration).
 */
@ApplicationScoped
public class AttemptLimits {

  /** What was attempted; each kind has its own limits. */
  public enum Kind {
    LOGIN("login"),
    API_KEY("api-key"),
    /** A call under /api without any credentials: never limited, its refusal audited once. */
    NO_CREDENTIALS("no-credentials");

    final String key;

    Kind(String key) {
      this.key = key;
    }
  }

  /** The JCache cache that holds the buckets in the data grid. */
  static final String CACHE = "paydesk-attempt-limits";

  private static final Logger LOG = Logger.getLogger(AttemptLimits.class.getName());

  /** At most this many buckets in a node's memory; full (idle) ones are dropped beyond it. */
  private static final int LOCAL_BUCKETS = 100_000;

  @Inject Instance<CacheManager> dataGrid;

  private final Map<String, Counted> local = new ConcurrentHashMap<>();
  private ProxyManager<String> grid;
  private Map<Kind, BucketConfiguration> perAccount;
  private Map<Kind, BucketConfiguration> perAddress;
  private BucketConfiguration auditOnce;
  private Duration window;

  @PostConstruct
  void start() {
    Config config = ConfigProvider.getConfig();
    window =
        config
            .getOptionalValue("paydesk.security.rate-limit.window", String.class)
            .map(Duration::parse)
            .orElse(Duration.ofMinutes(1));
    perAccount =
        Map.of(
            Kind.LOGIN, limit(config, "login.per-account", 10),
            Kind.API_KEY, limit(config, "api-key.per-key", 10));
    perAddress =
        Map.of(
            Kind.LOGIN, limit(config, "login.per-address", 30),
            Kind.API_KEY, limit(config, "api-key.per-address", 30));
    auditOnce =
        BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(1).refillIntervally(1, window).build())
            .build();
    CacheManager manager = dataGrid.isResolvable() ? dataGrid.get() : null;
    if (manager == null) {
      LOG.info(
          "attempt limits store=node-memory (Payara's data grid is off: this node counts alone)");
      return;
    }
    grid = Bucket4jJCache.entryProcessorBasedBuilder(cache(manager)).build();
    LOG.info("attempt limits store=data-grid cache=" + CACHE + " window=" + window);
  }

  /**
   * Whether an attempt with this account from this address must be refused now: empty when it may
   * go ahead, otherwise how long until it may.
   */
  public Optional<Duration> refusal(Kind kind, String account, String address) {
    long wait = 0;
    for (Map.Entry<String, BucketConfiguration> bucket : buckets(kind, account, address)) {
      EstimationProbe probe =
          bucket(bucket.getKey(), bucket.getValue()).estimateAbilityToConsume(1);
      if (!probe.canBeConsumed()) {
        wait = Math.max(wait, probe.getNanosToWaitForRefill());
      }
    }
    return wait == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait));
  }

  /** A failed attempt: counted against the account and the address. */
  public void failed(Kind kind, String account, String address) {
    for (Map.Entry<String, BucketConfiguration> bucket : buckets(kind, account, address)) {
      bucket(bucket.getKey(), bucket.getValue()).tryConsume(1);
    }
  }

  /**
   * Whether this refusal is the first for this account and address in the current window: those are
   * audited, the rest of a flood only counted in the log, so that a flood of refused attempts
   * cannot flood the audit trail (and the database) as well.
   */
  public boolean firstRefusal(Kind kind, String account, String address) {
    return bucket("audited:" + kind.key + ":" + normal(account) + "@" + address, auditOnce)
        .tryConsume(1);
  }

  /** Seconds for {@code Retry-After}: rounded up, at least one. */
  public static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
  }

  private List<Map.Entry<String, BucketConfiguration>> buckets(
      Kind kind, String account, String address) {
    List<Map.Entry<String, BucketConfiguration>> buckets = new ArrayList<>(2);
    if (account != null && !account.isBlank()) {
      buckets.add(Map.entry(kind.key + ":account:" + normal(account), perAccount.get(kind)));
    }
    buckets.add(Map.entry(kind.key + ":address:" + address, perAddress.get(kind)));
    return buckets;
  }

  private Bucket bucket(String key, BucketConfiguration configuration) {
    if (grid != null) {
      return grid.builder().build(key, () -> configuration);
    }
    if (local.size() > LOCAL_BUCKETS) {
      // a full bucket holds nothing worth keeping: a new one would be the same
      local.values().removeIf(Counted::full);
    }
    return local
        .computeIfAbsent(
            key,
            k ->
                new Counted(
                    Bucket.builder().addLimit(configuration.getBandwidths()[0]).build(),
                    configuration.getBandwidths()[0].getCapacity()))
        .bucket();
  }

  /** A bucket in this node's memory, with its capacity. */
  private record Counted(Bucket bucket, long capacity) {
    boolean full() {
      return bucket.getAvailableTokens() >= capacity;
    }
  }

  private Cache<String, byte[]> cache(CacheManager manager) {
    Cache<String, byte[]> cache = manager.getCache(CACHE, String.class, byte[].class);
    if (cache != null) {
      return cache;
    }
    // a bucket untouched for a whole window has refilled: it may go
    MutableConfiguration<String, byte[]> configuration =
        new MutableConfiguration<String, byte[]>()
            .setTypes(String.class, byte[].class)
            .setExpiryPolicyFactory(
                ModifiedExpiryPolicy.factoryOf(
                    new javax.cache.expiry.Duration(
                        TimeUnit.SECONDS, Math.max(1, window.toSeconds() * 2))));
    try {
      return manager.createCache(CACHE, configuration);
    } catch (CacheException another) {
      return manager.getCache(CACHE, String.class, byte[].class); // another node made it first
    }
  }

  private BucketConfiguration limit(Config config, String name, long fallback) {
    long attempts =
        config.getOptionalValue("paydesk.security.rate-limit." + name, Long.class).orElse(fallback);
    if (attempts < 1) {
      throw new IllegalStateException("paydesk.security.rate-limit." + name + " must be >= 1");
    }
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, window).build())
        .build();
  }

  private static String normal(String account) {
    String name = account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
    return name.length() > 128 ? name.substring(0, 128) : name;
  }
}
