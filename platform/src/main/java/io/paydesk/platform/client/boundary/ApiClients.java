package io.paydesk.platform.client.boundary;

import io.paydesk.platform.audit.boundary.AuditLog;
import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.audit.entity.AuditOutcome;
import io.paydesk.platform.audit.entity.AuditRecord;
import io.paydesk.platform.client.control.KeyMaterial;
import io.paydesk.platform.client.entity.ApiClient;
import io.paydesk.platform.client.entity.ApiKey;
import io.paydesk.platform.client.entity.Scope;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * API clients and their keys: administrators create, rotate and revoke them; the authentication
 * mechanism asks who a presented key belongs to. A new key's secret is in the answer once and
 * nowhere else. Every use of a key, and every refused key, is audited with the caller's address.
 */
@Stateless
@DeclareRoles(Role.ADMIN_NAME)
public class ApiClients {

  /** The prefix of an API client's caller name, so that it never collides with a staff name. */
  public static final String CALLER_PREFIX = "client:";

  /** How long an old key keeps working after a rotation unless the administrator says otherwise. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

  private static final Duration MAX_GRACE = Duration.ofDays(30);
  private static final Logger LOG = Logger.getLogger(ApiClients.class.getName());

  @PersistenceContext(unitName = "platform")
  EntityManager em;

  @EJB AuditLog audit;

  @Resource SessionContext context;

  /** Creates a client with its first key; the answer carries the key's secret, once. */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(value = "client.create", detail = 1)
  public IssuedKey create(String name, Set<Scope> scopes) {
    return insert(name, scopes, null, caller());
  }

  /**
   * Creates a client that acts only for {@code merchant} (an opaque key: the payment module's
   * mch_id; null: the first merchant), with its first key.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(value = "client.create", detail = 2)
  public IssuedKey create(String name, Set<Scope> scopes, String merchant) {
    return insert(name, scopes, merchant, caller());
  }

  /**
   * The merchant an authenticated client acts for (null: the first merchant); empty for a caller
   * that is not an API client.
   */
  // Permitted: the shop API's resources ask it for their authenticated caller; it reveals nothing
  // but the merchant key of the name given.
  @PermitAll
  public Optional<String> merchantOf(String callerName) {
    if (callerName == null || !callerName.startsWith(CALLER_PREFIX)) {
      return Optional.empty();
    }
    ApiClient client = em.find(ApiClient.class, callerName.substring(CALLER_PREFIX.length()));
    return client == null ? Optional.empty() : Optional.ofNullable(client.merchant());
  }

  /**
   * Issues a new key; the client's other usable keys keep working for {@code grace} (at most 30
   * days, zero ends them now), so that the client can switch without an outage.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(value = "client.rotate", detail = 1)
  public IssuedKey rotate(String name, Duration grace) {
    Duration period = grace == null ? DEFAULT_GRACE : grace;
    if (period.isNegative() || period.compareTo(MAX_GRACE) > 0) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST, "the grace period is between zero and 30 days");
    }
    ApiClient client = lockEnabled(name);
    Instant now = Instant.now();
    keys(name).stream().filter(k -> k.usableAt(now)).forEach(k -> k.expireAt(now.plus(period)));
    IssuedKey issued = issue(client, caller(), now);
    LOG.info(
        () ->
            "api key rotated client="
                + name
                + " keyId="
                + issued.keyId()
                + " grace="
                + period
                + " by="
                + caller());
    return issued;
  }

  /** Ends one key now (say, the old one once the client has switched). */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(value = "client.revoke-key", detail = 1)
  public ApiClientView revokeKey(String name, String keyId) {
    ApiClient client = lock(name);
    ApiKey key = keyId == null ? null : em.find(ApiKey.class, keyId);
    if (key == null || !key.clientName().equals(name)) {
      throw new PayDeskException(ErrorCode.API_KEY_NOT_FOUND, "no key " + keyId + " of " + name);
    }
    key.revoke(Instant.now());
    LOG.info(() -> "api key revoked client=" + name + " keyId=" + keyId + " by=" + caller());
    return view(client);
  }

  /** Revokes the client and every key of it, for good. */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited("client.revoke")
  public ApiClientView revoke(String name) {
    ApiClient client = lock(name);
    Instant now = Instant.now();
    client.revoke();
    keys(name).forEach(k -> k.revoke(now));
    LOG.info(() -> "api client revoked client=" + name + " by=" + caller());
    return view(client);
  }

  /** Replaces a client's scopes; they apply from its next request. */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited(value = "client.assign-scopes", detail = 1)
  public ApiClientView assignScopes(String name, Set<Scope> scopes) {
    ApiClient client = lock(name);
    client.assign(scopes);
    LOG.info(() -> "api client scopes client=" + name + " scopes=" + scopes + " by=" + caller());
    return view(client);
  }

  /** Every client, by name, with its keys (never their secrets). */
  @RolesAllowed(Role.ADMIN_NAME)
  public List<ApiClientView> list() {
    return em
        .createQuery("SELECT c FROM ApiClient c ORDER BY c.name", ApiClient.class)
        .getResultList()
        .stream()
        .map(this::view)
        .toList();
  }

  /** One client with its keys. */
  @RolesAllowed(Role.ADMIN_NAME)
  public ApiClientView find(String name) {
    ApiClient client = name == null ? null : em.find(ApiClient.class, name);
    if (client == null) {
      throw new PayDeskException(ErrorCode.API_CLIENT_NOT_FOUND, "no API client " + name);
    }
    return view(client);
  }

  /**
   * Who presents this key: the client's caller name and its scopes as groups, or empty for a
   * malformed, unknown, wrong, expired or revoked key or a revoked client. Either way the attempt
   * is audited with the caller's address and what it asked for. Permitted to everyone: this is how
   * a caller becomes someone.
   */
  @PermitAll
  public Optional<Caller> authenticate(String token, String address, String target) {
    Optional<KeyMaterial.Presented> presented = KeyMaterial.parse(token);
    ApiKey key = presented.map(p -> em.find(ApiKey.class, p.keyId())).orElse(null);
    Instant now = Instant.now();
    String why = null;
    if (presented.isEmpty()) {
      why = "not an API key";
    } else if (key == null || !key.matches(presented.get().secretHash())) {
      why = "unknown key or wrong secret";
    } else if (!key.usableAt(now)) {
      why = key.revokedAt() != null ? "key revoked" : "key expired after rotation";
    }
    ApiClient client = why == null ? em.find(ApiClient.class, key.clientName()) : null;
    if (why == null && (client == null || !client.enabled())) {
      why = "client revoked";
    }
    String keyId = presented.map(KeyMaterial.Presented::keyId).orElse(null);
    if (why != null) {
      String reason = why;
      audit.record(
          new AuditRecord(
              keyId == null ? "(none)" : "key:" + keyId,
              "api.authenticate",
              target,
              address,
              AuditOutcome.REFUSED,
              reason));
      LOG.info(() -> "api key refused keyId=" + keyId + " address=" + address + " why=" + reason);
      return Optional.empty();
    }
    String caller = CALLER_PREFIX + client.name();
    audit.record(
        new AuditRecord(caller, "api.call", target, address, AuditOutcome.DONE, "key " + keyId));
    return Optional.of(
        new Caller(caller, client.scopes().stream().map(Scope::value).collect(Collectors.toSet())));
  }

  /**
   * The first client, from configuration: created only while PayDesk has no API client at all, so
   * configuration cannot add a client later. Permitted to everyone: only the startup bean calls it,
   * before anybody is logged in.
   */
  @PermitAll
  public boolean bootstrap(String name, String token) {
    if (count() > 0) {
      return false;
    }
    Optional<KeyMaterial.Presented> presented = KeyMaterial.parse(token);
    if (presented.isEmpty()) {
      throw new PayDeskException(
          ErrorCode.INVALID_REQUEST,
          "the initial API key is not shaped pdk.<16 hex>.<43 base64url>");
    }
    Instant now = Instant.now();
    ApiClient client = new ApiClient(name, Set.of(Scope.values()), "configuration", now);
    em.persist(client);
    em.persist(
        new ApiKey(
            presented.get().keyId(), name, presented.get().secretHash(), "configuration", now));
    LOG.info(() -> "api client created from configuration client=" + name);
    return true;
  }

  /** How many API clients exist (revoked ones too). Permitted to everyone: a number, no names. */
  @PermitAll
  public long count() {
    return em.createQuery("SELECT COUNT(c) FROM ApiClient c", Long.class).getSingleResult();
  }

  private IssuedKey insert(String name, Set<Scope> scopes, String merchant, String by) {
    if (name != null && em.find(ApiClient.class, name) != null) {
      throw new PayDeskException(ErrorCode.API_CLIENT_EXISTS, "API client " + name + " exists");
    }
    Instant now = Instant.now();
    ApiClient client = new ApiClient(name, scopes, merchant, by, now);
    em.persist(client);
    IssuedKey issued = issue(client, by, now);
    LOG.info(() -> "api client created client=" + name + " scopes=" + scopes + " by=" + by);
    return issued;
  }

  private IssuedKey issue(ApiClient client, String by, Instant now) {
    KeyMaterial.Issued material = KeyMaterial.generate();
    em.persist(new ApiKey(material.keyId(), client.name(), material.secretHash(), by, now));
    em.flush();
    return new IssuedKey(client.name(), material.keyId(), material.token(), view(client));
  }

  private ApiClient lock(String name) {
    ApiClient client =
        name == null ? null : em.find(ApiClient.class, name, LockModeType.PESSIMISTIC_WRITE);
    if (client == null) {
      throw new PayDeskException(ErrorCode.API_CLIENT_NOT_FOUND, "no API client " + name);
    }
    return client;
  }

  private ApiClient lockEnabled(String name) {
    ApiClient client = lock(name);
    if (!client.enabled()) {
      throw new PayDeskException(
          ErrorCode.API_CLIENT_REVOKED, "API client " + name + " is revoked");
    }
    return client;
  }

  private List<ApiKey> keys(String name) {
    return em.createQuery(
            "SELECT k FROM ApiKey k WHERE k.clientName = :name ORDER BY k.createdAt, k.keyId",
            ApiKey.class)
        .setParameter("name", name)
        .getResultList();
  }

  private ApiClientView view(ApiClient client) {
    Instant now = Instant.now();
    return new ApiClientView(
        client.name(),
        client.scopes().stream()
            .map(Scope::value)
            .collect(Collectors.toCollection(java.util.TreeSet::new)),
        client.enabled(),
        client.merchant(),
        client.createdAt(),
        client.createdBy(),
        keys(client.name()).stream()
            .map(
                k ->
                    new KeyView(
                        k.keyId(),
                        k.createdAt(),
                        k.createdBy(),
                        k.validUntil(),
                        k.revokedAt(),
                        k.usableAt(now)))
            .toList());
  }

  private String caller() {
    return context.getCallerPrincipal().getName();
  }

  /** An authenticated API client: its caller name and its scopes (its groups). */
  public record Caller(String name, Set<String> groups) {}

  /** A client as the console and the staff API show it. */
  public record ApiClientView(
      String name,
      Set<String> scopes,
      boolean enabled,
      String merchant,
      Instant createdAt,
      String createdBy,
      List<KeyView> keys) {}

  /** A key without its secret. */
  public record KeyView(
      String keyId,
      Instant createdAt,
      String createdBy,
      Instant validUntil,
      Instant revokedAt,
      boolean usable) {}

  /** A new key: {@code key} is the whole secret the client sends, shown this once. */
  public record IssuedKey(String client, String keyId, String key, ApiClientView view) {}
}
