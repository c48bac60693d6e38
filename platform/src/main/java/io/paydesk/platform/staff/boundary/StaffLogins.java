package io.paydesk.platform.staff.boundary;

import io.paydesk.platform.audit.boundary.AuditLog;
import io.paydesk.platform.audit.entity.AuditOutcome;
import io.paydesk.platform.audit.entity.AuditRecord;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.platform.staff.entity.StaffUser;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the login mechanism asks and tells: whether an account may log in now, its current roles,
 * and each login, failed login and logout (all audited, with the client's address). After {@code
 * paydesk.security.lockout-after} failures in a row an account refuses logins, even with the right
 * password, for {@code paydesk.security.lockout-for}; the caller is told nothing more than "wrong
 * user name or password", whether the name exists or not.
 */
@Stateless
// Permitted: the login mechanism calls it before anybody is authenticated; it decides nothing
// a caller could abuse (the lockout and the audit are its point).
@PermitAll
public class StaffLogins {

  /** How a member of staff logged in. */
  public enum Channel {
    FORM,
    BASIC
  }

  private static final Logger LOG = Logger.getLogger(StaffLogins.class.getName());

  @PersistenceContext(unitName = "platform")
  EntityManager em;

  @EJB AuditLog audit;

  @Inject Pbkdf2PasswordHash hash;

  /** The roles of an enabled account, or empty for a disabled or unknown one. */
  public Optional<Set<String>> activeRoles(String username) {
    if (username == null) {
      return Optional.empty();
    }
    StaffUser user = em.find(StaffUser.class, username);
    if (user == null || !user.enabled()) {
      return Optional.empty();
    }
    return Optional.of(user.roles().stream().map(Role::name).collect(Collectors.toSet()));
  }

  /**
   * An enabled account as it stands now: its roles, whether it is locked after failures, and a
   * stamp of its password hash (different after any password change). Empty for a disabled or
   * unknown account. One read: what a caller remembered from an earlier check is compared with it.
   */
  public Optional<Standing> standing(String username) {
    if (username == null) {
      return Optional.empty();
    }
    StaffUser user = em.find(StaffUser.class, username);
    if (user == null || !user.enabled()) {
      return Optional.empty();
    }
    return Optional.of(
        new Standing(
            user.roles().stream().map(Role::name).collect(Collectors.toSet()),
            user.lockedAt(Instant.now()),
            user.passwordStamp()));
  }

  /** See {@link #standing}. */
  public record Standing(Set<String> roles, boolean locked, String passwordStamp) {}

  /** Whether the account refuses logins now after too many failures. */
  public boolean locked(String username) {
    StaffUser user = username == null ? null : em.find(StaffUser.class, username);
    return user != null && user.lockedAt(Instant.now());
  }

  /**
   * A successful login: ends the account's count of failures. A console login is audited; each
   * Basic-authenticated API call is not (the actions it takes are).
   */
  public void succeeded(String username, String address, Channel channel) {
    StaffUser user = em.find(StaffUser.class, username);
    if (user == null || (channel == Channel.BASIC && user.failedLogins() == 0)) {
      return;
    }
    em.refresh(user, LockModeType.PESSIMISTIC_WRITE);
    user.loggedIn(Instant.now());
    if (channel == Channel.FORM) {
      audit.record(
          new AuditRecord(username, "login", username, address, AuditOutcome.DONE, "console"));
    }
  }

  /**
   * After a successful login with {@code password}: a hash made with fewer iterations than {@link
   * StaffService#HASH_ITERATIONS} is made again from the password, so that old hashes become strong
   * without anybody resetting a password.
   */
  public void strengthen(String username, char[] password) {
    StaffUser user = em.find(StaffUser.class, username);
    if (user == null || user.hashIterations() >= StaffService.HASH_ITERATIONS) {
      return;
    }
    em.refresh(user, LockModeType.PESSIMISTIC_WRITE);
    if (user.hashIterations() >= StaffService.HASH_ITERATIONS) {
      return; // a concurrent login did it
    }
    hash.initialize(StaffService.HASH_PARAMETERS);
    user.changePassword(hash.generate(password));
    LOG.info(() -> "password hash strengthened username=" + username);
  }

  /** A failed login (wrong password, unknown or disabled account, or locked): audited. */
  public void failed(String username, String address, Channel channel, boolean wasLocked) {
    String name = username == null ? "" : username;
    StaffUser user =
        name.isEmpty() ? null : em.find(StaffUser.class, name, LockModeType.PESSIMISTIC_WRITE);
    String why;
    if (user == null) {
      why = "unknown user";
      // the identity store answers an unknown name without hashing; spend the same work as a
      // wrong password costs, so the answer's timing does not tell which names exist
      hash.initialize(StaffService.HASH_PARAMETERS);
      hash.generate(name.toCharArray());
    } else if (wasLocked) {
      why = "account locked after repeated failures";
    } else if (!user.enabled()) {
      why = "account disabled";
    } else {
      user.loginFailed(Instant.now(), lockoutAfter(), lockoutFor());
      why = user.lockedAt(Instant.now()) ? "wrong password; account now locked" : "wrong password";
    }
    audit.record(
        new AuditRecord(
            name.isEmpty() ? "(none)" : name,
            "login",
            name,
            address,
            AuditOutcome.REFUSED,
            channel.name().toLowerCase() + ": " + why));
    LOG.info(() -> "login refused channel=" + channel + " address=" + address + " why=" + why);
  }

  /** A console logout: audited. */
  public void loggedOut(String username, String address) {
    audit.record(new AuditRecord(username, "logout", username, address, AuditOutcome.DONE, null));
  }

  /** How long a console session may stay idle ({@code paydesk.admin.session-timeout}). */
  public Duration sessionTimeout() {
    return ConfigProvider.getConfig()
        .getOptionalValue("paydesk.admin.session-timeout", String.class)
        .map(Duration::parse)
        .orElse(Duration.ofMinutes(30));
  }

  private static int lockoutAfter() {
    return ConfigProvider.getConfig()
        .getOptionalValue("paydesk.security.lockout-after", Integer.class)
        .orElse(5);
  }

  private static Duration lockoutFor() {
    return ConfigProvider.getConfig()
        .getOptionalValue("paydesk.security.lockout-for", String.class)
        .map(Duration::parse)
        .orElse(Duration.ofMinutes(15));
  }
}
