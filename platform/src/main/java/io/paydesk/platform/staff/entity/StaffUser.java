package io.paydesk.platform.staff.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A member of staff. Created by an administrator (or, the first one, from configuration), with a
 * PBKDF2 hash of the password, never the password; disabled rather than deleted, so that history
 * rows keep naming a real person.
 */
@Entity
@Table(name = "staff_user")
public class StaffUser {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");

  @Id
  @Column(length = 64)
  private String username;

  @Column(name = "password_hash", nullable = false, length = 512)
  private String passwordHash;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  @Column(name = "created_by", nullable = false, updatable = false, length = 64)
  private String createdBy;

  @Column(name = "failed_logins", nullable = false)
  private int failedLogins;

  @Column(name = "locked_until")
  private OffsetDateTime lockedUntil;

  @Column(name = "last_login_at")
  private OffsetDateTime lastLoginAt;

  /** A BCP 47 tag ("zh-CN", "en"); null: the console follows the browser's language. */
  @Column(name = "preferred_language", length = 16)
  private String preferredLanguage;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "staff_user_role", joinColumns = @JoinColumn(name = "username"))
  @Column(name = "role", length = 16)
  @Enumerated(EnumType.STRING)
  private Set<Role> roles = EnumSet.noneOf(Role.class);

  /**
   * The merchants this member of staff works for (opaque keys: the payment module's mch_ids); none:
   * every merchant.
   */
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "staff_user_merchant", joinColumns = @JoinColumn(name = "username"))
  @Column(name = "merchant", length = 32)
  private Set<String> merchants = new java.util.TreeSet<>();

  protected StaffUser() {}

  /** Limits the account to these merchants; an empty set lifts the limit (every merchant). */
  public void limitTo(Set<String> merchants) {
    java.util.Objects.requireNonNull(merchants, "merchants");
    for (String merchant : merchants) {
      if (merchant == null || merchant.isBlank() || merchant.length() > 32) {
        throw new io.paydesk.platform.error.boundary.PayDeskException(
            io.paydesk.platform.error.boundary.ErrorCode.INVALID_REQUEST,
            "a merchant key has 1 to 32 characters");
      }
    }
    this.merchants.clear();
    this.merchants.addAll(merchants);
  }

  /** The merchants the account is limited to; empty: every merchant. */
  public Set<String> merchants() {
    return java.util.Collections.unmodifiableSet(merchants);
  }

  public StaffUser(
      String username, String passwordHash, Set<Role> roles, String createdBy, Instant now) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST,
          "username is 2 to 64 lower-case letters, digits, '.', '_' or '-'");
    }
    if (roles == null || roles.isEmpty()) {
      throw new PayDeskException(ErrorCode.INVALID_REQUEST, "a user needs at least one role");
    }
    this.username = username;
    this.passwordHash = passwordHash;
    this.roles = EnumSet.copyOf(roles);
    this.enabled = true;
    this.failedLogins = 0;
    this.createdBy = createdBy;
    this.createdAt = now.atOffset(ZoneOffset.UTC);
  }

  public String username() {
    return username;
  }

  public Set<Role> roles() {
    return EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles);
  }

  public boolean enabled() {
    return enabled;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant lastLoginAt() {
    return lastLoginAt == null ? null : lastLoginAt.toInstant();
  }

  /** Whether logins are refused at {@code now} after too many failures. */
  public boolean lockedAt(Instant now) {
    return lockedUntil != null && lockedUntil.toInstant().isAfter(now);
  }

  /** Counts a failed login; the {@code limit}-th failure in a row locks logins for a while. */
  public void loginFailed(Instant now, int limit, java.time.Duration lockFor) {
    failedLogins++;
    if (failedLogins >= limit) {
      lockedUntil = now.plus(lockFor).atOffset(ZoneOffset.UTC);
      failedLogins = 0;
    }
  }

  /** A successful login ends the count of failures. */
  public void loggedIn(Instant now) {
    failedLogins = 0;
    lockedUntil = null;
    lastLoginAt = now.atOffset(ZoneOffset.UTC);
  }

  public int failedLogins() {
    return failedLogins;
  }

  public void enable(boolean enabled) {
    this.enabled = enabled;
    if (enabled) {
      failedLogins = 0;
      lockedUntil = null;
    }
  }

  /**
   * The PBKDF2 iterations of the stored hash ({@code algorithm:iterations:salt:hash}), or 0 when it
   * cannot be read.
   */
  public int hashIterations() {
    String[] parts = passwordHash.split(":");
    try {
      return parts.length == 4 ? Integer.parseInt(parts[1]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * A stamp of the password hash: SHA-256 of it, hex. Tells whether the password changed since an
   * earlier look without handing the hash out.
   */
  public String passwordStamp() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(passwordHash.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public void changePassword(String passwordHash) {
    this.passwordHash = passwordHash;
    failedLogins = 0;
    lockedUntil = null;
  }

  /** The console's language this member of staff chose; null when the browser decides. */
  public String preferredLanguage() {
    return preferredLanguage;
  }

  /** Chooses the console's language (a BCP 47 tag such as "zh-CN"), or null for the browser's. */
  public void preferLanguage(String languageTag) {
    if (languageTag != null && !LANGUAGE_TAG.matcher(languageTag).matches()) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "a language is a tag such as zh-CN or en");
    }
    this.preferredLanguage = languageTag;
  }

  public void assign(Set<Role> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new PayDeskException(ErrorCode.INVALID_REQUEST, "a user needs at least one role");
    }
    this.roles.clear();
    this.roles.addAll(roles);
  }
}
