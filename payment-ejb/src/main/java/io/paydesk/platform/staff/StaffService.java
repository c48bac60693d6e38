package io.paydesk.platform.staff;

import io.paydesk.platform.error.ErrorCode;
import io.paydesk.platform.error.PayDeskException;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/** Staff accounts: only administrators create them. Passwords are stored as PBKDF2 hashes. */
@Stateless
@DeclareRoles({Role.SUPPORT_NAME, Role.FINANCE_NAME, Role.ADMIN_NAME})
public class StaffService {

  /** PBKDF2WithHmacSHA256, 210,000 iterations (OWASP 2023), 32-byte salt and key. */
  public static final Map<String, String> HASH_PARAMETERS =
      Map.of(
          "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
          "Pbkdf2PasswordHash.Iterations", "210000",
          "Pbkdf2PasswordHash.SaltSizeBytes", "32",
          "Pbkdf2PasswordHash.KeySizeBytes", "32");

  static final int MIN_PASSWORD = 12;
  private static final Logger LOG = Logger.getLogger(StaffService.class.getName());

  @PersistenceContext(unitName = "payment")
  EntityManager em;

  @Inject Pbkdf2PasswordHash hash;

  @Resource SessionContext context;

  /** Creates a staff account; the caller must be an administrator. */
  @RolesAllowed(Role.ADMIN_NAME)
  public StaffUserView create(String username, char[] password, Set<Role> roles) {
    return insert(username, password, roles, context.getCallerPrincipal().getName());
  }

  /**
   * The first administrator, from configuration: refused once any account exists, so it cannot be
   * used to add an administrator later.
   */
  public StaffUserView bootstrap(String username, char[] password) {
    if (count() > 0) {
      throw new PayDeskException(ErrorCode.STAFF_USER_EXISTS, "PayDesk already has staff accounts");
    }
    return insert(username, password, Set.of(Role.ADMIN), "configuration");
  }

  public long count() {
    return em.createQuery("SELECT COUNT(u) FROM StaffUser u", Long.class).getSingleResult();
  }

  private StaffUserView insert(String username, char[] password, Set<Role> roles, String by) {
    if (password == null || password.length < MIN_PASSWORD) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "a password has at least " + MIN_PASSWORD + " characters");
    }
    if (username != null && em.find(StaffUser.class, username) != null) {
      throw new PayDeskException(ErrorCode.STAFF_USER_EXISTS, "user " + username + " exists");
    }
    hash.initialize(HASH_PARAMETERS);
    StaffUser user = new StaffUser(username, hash.generate(password), roles, by, Instant.now());
    em.persist(user);
    LOG.info(() -> "staff user created username=" + username + " roles=" + roles + " by=" + by);
    return new StaffUserView(user.username(), user.roles(), user.enabled());
  }

  /** A staff account without its secret. */
  public record StaffUserView(String username, Set<Role> roles, boolean enabled) {}
}
