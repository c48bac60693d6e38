package io.paydesk.platform.staff;

import io.paydesk.platform.error.ErrorCode;
import io.paydesk.platform.error.PayDeskException;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
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

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "staff_user_role", joinColumns = @JoinColumn(name = "username"))
  @Column(name = "role", length = 16)
  @Enumerated(EnumType.STRING)
  private Set<Role> roles = EnumSet.noneOf(Role.class);

  protected StaffUser() {}

  StaffUser(String username, String passwordHash, Set<Role> roles, String createdBy, Instant now) {
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
}
