package io.paydesk.platform.staff.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.platform.error.boundary.PayDeskException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffUserTest {

  static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");
  static final Duration LOCK = Duration.ofMinutes(15);

  StaffUser user() {
    return new StaffUser("li.na", "hash", Set.of(Role.FINANCE), "admin", NOW);
  }

  @Test
  void theFifthFailureInARowLocksLoginsForAWhile() {
    StaffUser user = user();
    for (int i = 0; i < 4; i++) {
      user.loginFailed(NOW, 5, LOCK);
    }
    assertThat(user.lockedAt(NOW)).isFalse();

    user.loginFailed(NOW, 5, LOCK);

    assertThat(user.lockedAt(NOW)).isTrue();
    assertThat(user.lockedAt(NOW.plus(LOCK).minusSeconds(1))).isTrue();
    assertThat(user.lockedAt(NOW.plus(LOCK))).isFalse();
  }

  @Test
  void aSuccessfulLoginOrANewPasswordEndsTheCount() {
    StaffUser user = user();
    for (int i = 0; i < 4; i++) {
      user.loginFailed(NOW, 5, LOCK);
    }
    user.loggedIn(NOW);
    user.loginFailed(NOW, 5, LOCK);
    assertThat(user.lockedAt(NOW)).isFalse();
    assertThat(user.lastLoginAt()).isEqualTo(NOW);

    for (int i = 0; i < 5; i++) {
      user.loginFailed(NOW, 5, LOCK);
    }
    assertThat(user.lockedAt(NOW)).isTrue();
    user.changePassword("new-hash");
    assertThat(user.lockedAt(NOW)).isFalse();
  }

  @Test
  void anAccountKeepsAtLeastOneRoleAndAValidName() {
    StaffUser user = user();
    assertThatThrownBy(() -> user.assign(EnumSet.noneOf(Role.class)))
        .isInstanceOf(PayDeskException.class)
        .hasMessageContaining("at least one role");
    user.assign(EnumSet.of(Role.SUPPORT, Role.ADMIN));
    assertThat(user.roles()).containsExactlyInAnyOrder(Role.SUPPORT, Role.ADMIN);
    assertThatThrownBy(() -> new StaffUser("Li Na", "hash", Set.of(Role.ADMIN), "admin", NOW))
        .isInstanceOf(PayDeskException.class);
  }

  @Test
  void theStoredHashTellsItsIterationsSoThatAWeakOneIsMadeAgain() {
    StaffUser old =
        new StaffUser(
            "li.na",
            "PBKDF2WithHmacSHA256:210000:c2FsdA==:aGFzaA==",
            Set.of(Role.FINANCE),
            "a",
            NOW);
    assertThat(old.hashIterations()).isEqualTo(210_000);
    old.changePassword("PBKDF2WithHmacSHA256:600000:c2FsdA==:aGFzaA==");
    assertThat(old.hashIterations()).isEqualTo(600_000);
    assertThat(user().hashIterations()).isZero();
  }

  @Test
  void theConsoleLanguageIsALanguageTagOrTheBrowsers() {
    StaffUser user = user();
    assertThat(user.preferredLanguage()).isNull();
    user.preferLanguage("en");
    assertThat(user.preferredLanguage()).isEqualTo("en");
    user.preferLanguage("zh-CN");
    assertThat(user.preferredLanguage()).isEqualTo("zh-CN");
    assertThatThrownBy(() -> user.preferLanguage("<script>")).isInstanceOf(PayDeskException.class);
    assertThatThrownBy(() -> user.preferLanguage("zh-CN-with-too-many-parts"))
        .isInstanceOf(PayDeskException.class);
    assertThat(user.preferredLanguage()).isEqualTo("zh-CN");
    user.preferLanguage(null);
    assertThat(user.preferredLanguage()).isNull();
  }
}
