package io.paydesk.platform.staff.boundary;

import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.platform.staff.entity.StaffUser;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/** Staff accounts: only administrators create them. Passwords are stored as PBKDF2 hashes. */
@Stateless
@DeclareRoles({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
public class StaffService {

  /** PBKDF2-HMAC-SHA256 iterations: OWASP's current recommendation. */
  public static final int HASH_ITERATIONS = 600_000;

  /**
   * PBKDF2WithHmacSHA256, 600,000 iterations, 32-byte salt and key. Hashes made with fewer (210,000
   * before December 2026) still verify, since a hash names its iterations, and are made again at
   * the account's next successful login ({@link StaffLogins#strengthen}).
   */
  public static final Map<String, String> HASH_PARAMETERS =
      Map.of(
          "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
          "Pbkdf2PasswordHash.Iterations", Integer.toString(HASH_ITERATIONS),
          "Pbkdf2PasswordHash.SaltSizeBytes", "32",
          "Pbkdf2PasswordHash.KeySizeBytes", "32");

  static final int MIN_PASSWORD = 12;
  private static final Logger LOG = Logger.getLogger(StaffService.class.getName());

  @PersistenceContext(unitName = "platform")
  EntityManager em;

  @Inject Pbkdf2PasswordHash hash;

  @Resource SessionContext context;

  /** Creates a staff account; the caller must be an administrator. */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited("staff.create")
  public StaffUserView create(String username, char[] password, Set<Role> roles) {
    return insert(username, password, roles, context.getCallerPrincipal().getName());
  }

  /**
   * The first administrator, from configuration: refused once any account exists, so it cannot be
   * used to add an administrator later.
   */
  // Permitted: only the startup bean calls it, and it refuses once any account exists.
  @PermitAll
  public StaffUserView bootstrap(String username, char[] password) {
    if (count() > 0) {
      throw new PayDeskException(ErrorCode.STAFF_USER_EXISTS, "PayDesk already has staff accounts");
    }
    return insert(username, password, Set.of(Role.ADMIN), "configuration");
  }

  /** Every account, by name. */
  @RolesAllowed(Role.ADMIN_NAME)
  public List<StaffAccount> list() {
    Instant now = Instant.now();
    return em
        .createQuery("SELECT u FROM StaffUser u ORDER BY u.username", StaffUser.class)
        .getResultList()
        .stream()
        .map(
            u ->
                new StaffAccount(
                    u.username(),
                    u.roles(),
                    u.enabled(),
                    u.lockedAt(now),
                    u.createdAt(),
                    u.createdBy(),
                    u.lastLoginAt(),
                    Set.copyOf(u.merchants())))
        .toList();
  }

  /** Enables an account again (and lifts a lockout). */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited("staff.enable")
  public StaffUserView enable(String username) {
    return setEnabled(username, true);
  }

  /**
   * Disables an account: it can no longer log in, and its console session ends at its next request.
   * Nobody disables their own account or the last enabled administrator.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited("staff.disable")
  public StaffUserView disable(String username) {
    return setEnabled(username, false);
  }

  private StaffUserView setEnabled(String username, boolean enabled) {
    StaffUser user = lock(username);
    if (!enabled) {
      refuseSelf(username, "disable your own account");
      refuseLastAdministrator(user, EnumSet.noneOf(Role.class));
    }
    user.enable(enabled);
    LOG.info(() -> "staff user enabled=" + enabled + " username=" + username + " by=" + caller());
    return view(user);
  }

  /** Sets a new password (and lifts a lockout). */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited("staff.reset-password")
  public StaffUserView resetPassword(String username, char[] password) {
    checkPassword(password);
    StaffUser user = lock(username);
    hash.initialize(HASH_PARAMETERS);
    user.changePassword(hash.generate(password));
    LOG.info(() -> "staff password reset username=" + username + " by=" + caller());
    return view(user);
  }

  /** Replaces an account's roles; the last enabled administrator keeps ADMIN. */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(value = "staff.assign-roles", detail = 1)
  public StaffUserView assignRoles(String username, Set<Role> roles) {
    StaffUser user = lock(username);
    if (roles != null && !roles.contains(Role.ADMIN)) {
      refuseSelf(username, "take the ADMIN role from yourself");
      refuseLastAdministrator(user, roles);
    }
    user.assign(roles);
    LOG.info(() -> "staff roles username=" + username + " roles=" + roles + " by=" + caller());
    return view(user);
  }

  /**
   * Limits an account to some merchants (opaque keys: the payment module's mch_ids); an empty set
   * lifts the limit.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(value = "staff.assign-merchants", detail = 1)
  public Set<String> limitToMerchants(String username, Set<String> merchants) {
    StaffUser user = lock(username);
    user.limitTo(merchants == null ? Set.of() : merchants);
    LOG.info(
        () ->
            "staff merchants username=" + username + " merchants=" + merchants + " by=" + caller());
    return Set.copyOf(user.merchants());
  }

  /**
   * The merchants the calling member of staff is limited to; empty for every merchant, and for a
   * caller that is not staff (an API client, a timer).
   */
  // Permitted: the order boundaries ask it for whoever calls them, to narrow what staff see; it
  // tells a caller only its own limit.
  @PermitAll
  public Set<String> callerMerchants() {
    java.security.Principal principal = context.getCallerPrincipal();
    if (principal == null) {
      return Set.of();
    }
    StaffUser user = em.find(StaffUser.class, principal.getName());
    return user == null ? Set.of() : Set.copyOf(user.merchants());
  }

  /**
   * Whether the caller may see merchant {@code mchId}'s data: staff limited to some merchants only
   * theirs (nothing without a merchant), everybody else every merchant's.
   */
  // Permitted: as callerMerchants().
  @PermitAll
  public boolean callerMaySee(String mchId) {
    Set<String> allowed = callerMerchants();
    return allowed.isEmpty() || (mchId != null && allowed.contains(mchId));
  }

  /** The console's language the caller chose (a BCP 47 tag); null when the browser decides. */
  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
  public String preferredLanguage() {
    StaffUser user = em.find(StaffUser.class, caller());
    return user == null ? null : user.preferredLanguage();
  }

  /** Keeps the console's language the caller chose with their own account (null: the browser's). */
  @RolesAllowed({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
  public void preferLanguage(String languageTag) {
    StaffUser user = lock(caller());
    user.preferLanguage(languageTag);
    LOG.info(() -> "staff language username=" + user.username() + " language=" + languageTag);
  }

  private StaffUser lock(String username) {
    StaffUser user =
        username == null
            ? null
            : em.find(
                StaffUser.class, username, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (user == null) {
      throw new PayDeskException(ErrorCode.STAFF_USER_NOT_FOUND, "no staff account " + username);
    }
    return user;
  }

  private void refuseSelf(String username, String what) {
    if (username.equals(caller())) {
      throw new PayDeskException(ErrorCode.STAFF_SELF_OR_LAST_ADMIN, "you cannot " + what);
    }
  }

  /** Refuses to leave PayDesk without an enabled administrator. */
  private void refuseLastAdministrator(StaffUser user, Set<Role> rolesAfter) {
    if (!user.enabled() || !user.roles().contains(Role.ADMIN) || rolesAfter.contains(Role.ADMIN)) {
      return;
    }
    // lock every administrator's row (in name order) so that two concurrent changes cannot both
    // remove "the other" last administrator
    List<String> names =
        em.createQuery(
                "SELECT u.username FROM StaffUser u JOIN u.roles r WHERE r = :admin"
                    + " ORDER BY u.username",
                String.class)
            .setParameter("admin", Role.ADMIN)
            .getResultList();
    List<StaffUser> admins =
        names.stream()
            .map(
                name ->
                    em.find(
                        StaffUser.class, name, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE))
            .filter(u -> u != null && u.enabled() && u.roles().contains(Role.ADMIN))
            .toList();
    if (admins.size() <= 1) {
      throw new PayDeskException(
          ErrorCode.STAFF_SELF_OR_LAST_ADMIN, user.username() + " is the last administrator");
    }
  }

  private String caller() {
    return context.getCallerPrincipal().getName();
  }

  private static StaffUserView view(StaffUser user) {
    return new StaffUserView(user.username(), user.roles(), user.enabled());
  }

  // Permitted: a number, no names; the startup bean asks it with no caller.
  @PermitAll
  public long count() {
    return em.createQuery("SELECT COUNT(u) FROM StaffUser u", Long.class).getSingleResult();
  }

  private StaffUserView insert(String username, char[] password, Set<Role> roles, String by) {
    checkPassword(password);
    if (username != null && em.find(StaffUser.class, username) != null) {
      throw new PayDeskException(ErrorCode.STAFF_USER_EXISTS, "user " + username + " exists");
    }
    hash.initialize(HASH_PARAMETERS);
    StaffUser user = new StaffUser(username, hash.generate(password), roles, by, Instant.now());
    em.persist(user);
    LOG.info(() -> "staff user created username=" + username + " roles=" + roles + " by=" + by);
    return view(user);
  }

  private static void checkPassword(char[] password) {
    if (password == null || password.length < MIN_PASSWORD || password.length > 128) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "a password has " + MIN_PASSWORD + " to 128 characters");
    }
  }

  /** A staff account without its secret. */
  public record StaffUserView(String username, Set<Role> roles, boolean enabled) {}

  /** A staff account as the users page lists it. */
  public record StaffAccount(
      String username,
      Set<Role> roles,
      boolean enabled,
      boolean locked,
      Instant createdAt,
      String createdBy,
      Instant lastLoginAt,
      Set<String> merchants) {}
}
