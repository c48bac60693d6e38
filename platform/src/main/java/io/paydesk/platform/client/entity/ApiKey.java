package io.paydesk.platform.client.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One secret of an {@link ApiClient}. Only the SHA-256 hash of the secret is kept: the secret is
 * 256 random bits, so a plain hash cannot be reversed by guessing (a slow password hash would only
 * cost every request time). Lifecycle: usable from creation; a rotation gives it an end ({@code
 * validUntil}, the grace period during which the old and the new key both work); a revocation ends
 * it at once. Neither comes back.
 */
@Entity
@Table(name = "api_key")
public class ApiKey {

  @Id
  @Column(name = "key_id", length = 32)
  private String keyId;

  @Column(name = "client_name", nullable = false, updatable = false, length = 64)
  private String clientName;

  @Column(name = "secret_hash", nullable = false, updatable = false, length = 64)
  private String secretHash;

  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  @Column(name = "created_by", nullable = false, updatable = false, length = 64)
  private String createdBy;

  @Column(name = "valid_until")
  private OffsetDateTime validUntil;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  protected ApiKey() {}

  public ApiKey(String keyId, String clientName, String secretHash, String createdBy, Instant now) {
    if (keyId == null || clientName == null || secretHash == null || secretHash.length() != 64) {
      throw new IllegalArgumentException("a key has an id, a client and a SHA-256 hex hash");
    }
    this.keyId = keyId;
    this.clientName = clientName;
    this.secretHash = secretHash;
    this.createdBy = createdBy;
    this.createdAt = now.atOffset(ZoneOffset.UTC);
  }

  /** Whether the key authenticates at {@code now}. */
  public boolean usableAt(Instant now) {
    return revokedAt == null && (validUntil == null || now.isBefore(validUntil.toInstant()));
  }

  /** Whether {@code secretHash} is this key's, compared in constant time. */
  public boolean matches(String presentedHash) {
    return MessageDigest.isEqual(
        secretHash.getBytes(StandardCharsets.US_ASCII),
        presentedHash.getBytes(StandardCharsets.US_ASCII));
  }

  /** Ends the key at {@code end} (a rotation's grace period), never later than it ends already. */
  public void expireAt(Instant end) {
    if (validUntil == null || end.isBefore(validUntil.toInstant())) {
      validUntil = end.atOffset(ZoneOffset.UTC);
    }
  }

  /** Ends the key now. */
  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now.atOffset(ZoneOffset.UTC);
    }
  }

  public String keyId() {
    return keyId;
  }

  public String clientName() {
    return clientName;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant validUntil() {
    return validUntil == null ? null : validUntil.toInstant();
  }

  public Instant revokedAt() {
    return revokedAt == null ? null : revokedAt.toInstant();
  }
}
