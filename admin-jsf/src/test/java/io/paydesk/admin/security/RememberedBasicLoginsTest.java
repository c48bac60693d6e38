package io.paydesk.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RememberedBasicLoginsTest {

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-05T02:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();

  private RememberedBasicLogins remembering(Duration life) {
    RememberedBasicLogins logins = new RememberedBasicLogins();
    logins.start(life, clock);
    return logins;
  }

  @Test
  void aVerifiedCredentialIsHonouredWhileThePasswordAndTheUserStayTheSame() {
    RememberedBasicLogins logins = remembering(Duration.ofMinutes(5));
    String fingerprint = logins.fingerprint("fin.one", "a-long-passphrase");
    assertThat(logins.verified(fingerprint, "fin.one", "stamp-1")).isFalse();

    logins.remember(fingerprint, "fin.one", Optional.of("stamp-1"));
    assertThat(logins.verified(fingerprint, "fin.one", "stamp-1")).isTrue();
    // another password, another user: another fingerprint, or the same one claimed by another
    assertThat(
            logins.verified(
                logins.fingerprint("fin.one", "a-long-passphrasE"), "fin.one", "stamp-1"))
        .isFalse();
    assertThat(logins.verified(fingerprint, "fin.two", "stamp-1")).isFalse();
  }

  @Test
  void aPasswordChangeForgetsItAtOnce() {
    RememberedBasicLogins logins = remembering(Duration.ofMinutes(5));
    String fingerprint = logins.fingerprint("fin.one", "a-long-passphrase");
    logins.remember(fingerprint, "fin.one", Optional.of("stamp-1"));
    assertThat(logins.verified(fingerprint, "fin.one", "stamp-2")).isFalse();
    // and for good: the old stamp does not bring it back
    assertThat(logins.verified(fingerprint, "fin.one", "stamp-1")).isFalse();
  }

  @Test
  void itExpiresAfterItsLife() {
    RememberedBasicLogins logins = remembering(Duration.ofMinutes(5));
    String fingerprint = logins.fingerprint("fin.one", "a-long-passphrase");
    logins.remember(fingerprint, "fin.one", Optional.of("stamp-1"));
    clock.now = clock.now.plus(Duration.ofMinutes(4));
    assertThat(logins.verified(fingerprint, "fin.one", "stamp-1")).isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(logins.verified(fingerprint, "fin.one", "stamp-1")).isFalse();
  }

  @Test
  void aLifeOfZeroRemembersNothing() {
    RememberedBasicLogins logins = remembering(Duration.ZERO);
    String fingerprint = logins.fingerprint("fin.one", "a-long-passphrase");
    logins.remember(fingerprint, "fin.one", Optional.of("stamp-1"));
    assertThat(logins.verified(fingerprint, "fin.one", "stamp-1")).isFalse();
  }

  @Test
  void fingerprintsAreKeyedPerNodeAndSeparateUserFromPassword() {
    RememberedBasicLogins one = remembering(Duration.ofMinutes(5));
    RememberedBasicLogins two = remembering(Duration.ofMinutes(5));
    assertThat(one.fingerprint("ab", "c")).isNotEqualTo(one.fingerprint("a", "bc"));
    assertThat(one.fingerprint("fin.one", "pw")).isEqualTo(one.fingerprint("fin.one", "pw"));
    assertThat(one.fingerprint("fin.one", "pw")).isNotEqualTo(two.fingerprint("fin.one", "pw"));
    assertThat(one.fingerprint("fin.one", "pw")).doesNotContain("pw").hasSize(64);
  }
}
