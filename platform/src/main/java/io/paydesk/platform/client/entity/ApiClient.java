package io.paydesk.platform.client.entity;

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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A program that calls the shop API (the shop's backend, the ERP over HTTP, a script), created by
 * an administrator with the scopes it needs. It authenticates with one of its {@link ApiKey}s.
 * Revoked rather than deleted, so that audit rows and history keep naming a real client; a revoked
 * client never comes back.
 */
@Entity
@Table(name = "api_client")
public class ApiClient {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,47}");

  @Id
  @Column(length = 64)
  private String name;

  @Column(nullable = false)
  private boolean enabled;

  /**
   * The merchant the client acts for, an opaque key for the platform (the payment module's mch_id);
   * null: the first merchant. Fixed at creation: a client never acts for two merchants.
   */
  @Column(length = 32, updatable = false)
  private String merchant;

  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  @Column(name = "created_by", nullable = false, updatable = false, length = 64)
  private String createdBy;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "api_client_scope", joinColumns = @JoinColumn(name = "client_name"))
  @Column(name = "scope", length = 32)
  @Enumerated(EnumType.STRING)
  private Set<Scope> scopes = EnumSet.noneOf(Scope.class);

  protected ApiClient() {}

  public ApiClient(String name, Set<Scope> scopes, String createdBy, Instant now) {
    this(name, scopes, null, createdBy, now);
  }

  /** A client of {@code merchant} (null: the first merchant). */
  public ApiClient(String name, Set<Scope> scopes, String merchant, String createdBy, Instant now) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST,
          "a client name is 2 to 48 lower-case letters, digits, '.', '_' or '-'");
    }
    this.name = name;
    this.enabled = true;
    this.createdAt = now.atOffset(ZoneOffset.UTC);
    this.createdBy = createdBy;
    if (merchant != null && (merchant.isBlank() || merchant.length() > 32)) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "a merchant key has 1 to 32 characters");
    }
    this.merchant = merchant;
    assign(scopes);
  }

  /** Replaces the scopes; a client has at least one. */
  public void assign(Set<Scope> scopes) {
    if (!enabled) {
      throw new PayDeskException(ErrorCode.API_CLIENT_REVOKED, "client " + name + " is revoked");
    }
    if (scopes == null || scopes.isEmpty() || scopes.stream().anyMatch(s -> s == null)) {
      throw new PayDeskException(ErrorCode.INVALID_REQUEST, "a client needs at least one scope");
    }
    this.scopes = EnumSet.copyOf(scopes);
  }

  /** Revokes the client for good (its keys are revoked with it, by the boundary). */
  public void revoke() {
    this.enabled = false;
  }

  /** The merchant the client acts for; null: the first merchant. */
  public String merchant() {
    return merchant;
  }

  public String name() {
    return name;
  }

  public boolean enabled() {
    return enabled;
  }

  public Set<Scope> scopes() {
    return scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes);
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public String createdBy() {
    return createdBy;
  }
}
