package io.paydesk.admin.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * HTTP Basic credentials this node verified a moment ago, so that a script calling the staff API
 * does not pay for a PBKDF2 hash (600,000 iterations, about a third of a second of one core) on
 * every request.
 *
 * <p>What is kept is never the password: an HMAC-SHA256 of user name and password under a key drawn
 * at start that never leaves this node's memory, with the user name, a stamp of the stored password
 * hash at the time of the check and when the memory expires ({@code
 * paydesk.security.basic-remember}, default PT5M; PT0S switches it off). A remembered credential is
 * honoured only while the account is enabled, not locked, and its stored hash still has the same
 * stamp: a password reset, a disabled or a locked account stops it at once, on every node, because
 * the caller reads the account as it stands on each request (one primary-key read).
 */
@ApplicationScoped
public class RememberedBasicLogins {

  private static final Logger LOG = Logger.getLogger(RememberedBasicLogins.class.getName());

  /** At most this many remembered credentials; beyond it the expired go, then all. */
  static final int MAX_ENTRIES = 10_000;

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private SecretKeySpec key;
  private Duration life;
  private Clock clock = Clock.systemUTC();

  @PostConstruct
  void start() {
    start(
        ConfigProvider.getConfig()
            .getOptionalValue("paydesk.security.basic-remember", String.class)
            .map(Duration::parse)
            .orElse(Duration.ofMinutes(5)),
        Clock.systemUTC());
  }

  void start(Duration life, Clock clock) {
    if (life.isNegative()) {
      throw new IllegalArgumentException("paydesk.security.basic-remember is negative: " + life);
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.life = life;
    this.clock = clock;
    LOG.info(() -> "basic credentials remembered for " + life);
  }

  /** The fingerprint of a user name and password under this node's key. */
  String fingerprint(String user, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * Whether this fingerprint was verified for {@code user} while the stored password had {@code
   * passwordStamp}, and not longer ago than the remembering lasts.
   */
  boolean verified(String fingerprint, String user, String passwordStamp) {
    Entry entry = entries.get(fingerprint);
    if (entry == null) {
      return false;
    }
    if (!entry.until().isAfter(clock.instant())
        || !entry.user().equals(user)
        || !MessageDigest.isEqual(
            entry.passwordStamp().getBytes(StandardCharsets.US_ASCII),
            passwordStamp.getBytes(StandardCharsets.US_ASCII))) {
      entries.remove(fingerprint, entry);
      return false;
    }
    return true;
  }

  /** The identity store has just accepted this credential. */
  void remember(String fingerprint, String user, Optional<String> passwordStamp) {
    if (life.isZero() || passwordStamp.isEmpty()) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      Instant now = clock.instant();
      entries.values().removeIf(e -> !e.until().isAfter(now));
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(fingerprint, new Entry(user, passwordStamp.get(), clock.instant().plus(life)));
  }

  private record Entry(String user, String passwordStamp, Instant until) {}
}
