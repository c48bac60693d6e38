package io.paydesk.merchant.boundary;

import io.paydesk.merchant.entity.ApiV3Keys;
import io.paydesk.merchant.entity.ApiVersion;
import io.paydesk.merchant.entity.MerchantAccount;
import io.paydesk.merchant.entity.MerchantSettings;
import io.paydesk.merchant.entity.SecretReference;
import io.paydesk.platform.audit.boundary.Audited;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.platform.staff.entity.Role;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The merchants PayDesk takes payments for. Administrators register, change, disable and enable
 * them; the gateway and the payment paths look them up. The first merchant is the one of {@code
 * paydesk.wechat.*}, synced from configuration at every start ({@link #syncConfigured}).
 */
@Stateless
@DeclareRoles({Role.ADMIN_NAME, Role.FINANCE_NAME, Role.SUPPORT_NAME})
public class MerchantRegistry {

  private static final Logger LOG = Logger.getLogger(MerchantRegistry.class.getName());

  /** The first merchant's references: the settings of {@code paydesk.wechat.*}, read at use. */
  static final SecretReference CONFIGURED_KEY =
      new SecretReference(SecretReference.Kind.CONFIG, "paydesk.wechat.api-key");

  static final SecretReference CONFIGURED_CERTIFICATE =
      new SecretReference(SecretReference.Kind.CONFIG, "paydesk.wechat.cert-path");

  static final SecretReference CONFIGURED_CERTIFICATE_PASSWORD =
      new SecretReference(SecretReference.Kind.CONFIG, "paydesk.wechat.cert-password");

  @PersistenceContext(unitName = "payment")
  EntityManager em;

  @Inject Event<MerchantChanged> changes;

  @Resource SessionContext context;

  /** Every merchant, by mch_id. */
  @RolesAllowed({Role.ADMIN_NAME, Role.FINANCE_NAME, Role.SUPPORT_NAME})
  public List<MerchantView> list() {
    return all();
  }

  /**
   * Every merchant, for the in-process callers that have no staff caller (janitors, reconciliation,
   * the gateway).
   */
  // Permitted: it reads references and names, never a secret; the staff API and console go through
  // list(), which names the roles.
  @PermitAll
  public List<MerchantView> all() {
    return em.createNamedQuery(MerchantAccount.ALL, MerchantAccount.class).getResultList().stream()
        .map(MerchantView::of)
        .toList();
  }

  /** One merchant, or MERCHANT_NOT_FOUND. */
  @RolesAllowed({Role.ADMIN_NAME, Role.FINANCE_NAME, Role.SUPPORT_NAME})
  public MerchantView find(String mchId) {
    return lookup(mchId)
        .orElseThrow(
            () -> new PayDeskException(ErrorCode.MERCHANT_NOT_FOUND, "no merchant " + mchId));
  }

  /** One merchant, if there is one, for in-process callers without a staff caller. */
  // Permitted: as all().
  @PermitAll
  public Optional<MerchantView> lookup(String mchId) {
    if (mchId == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(MerchantAccount.class, mchId)).map(MerchantView::of);
  }

  /** The merchant of {@code paydesk.wechat.*}, if it is configured. */
  // Permitted: as all().
  @PermitAll
  public Optional<MerchantView> first() {
    return em
        .createNamedQuery(MerchantAccount.FIRST, MerchantAccount.class)
        .getResultList()
        .stream()
        .findFirst()
        .map(MerchantView::of);
  }

  /** Registers a new, enabled merchant; it can take payments at once, without a restart. */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited("merchant.register")
  public MerchantView register(String mchId, MerchantSettings settings) {
    if (mchId != null && em.find(MerchantAccount.class, mchId) != null) {
      throw new PayDeskException(ErrorCode.MERCHANT_EXISTS, "merchant " + mchId + " exists");
    }
    MerchantAccount merchant = MerchantAccount.register(mchId, settings, caller(), Instant.now());
    em.persist(merchant);
    em.flush();
    changed(merchant, "registered");
    return MerchantView.of(merchant);
  }

  /** Replaces a merchant's settings (name, appid, references, API version, service provider). */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited("merchant.change")
  public MerchantView change(String mchId, MerchantSettings settings) {
    MerchantAccount merchant = lock(mchId);
    merchant.change(settings, Instant.now());
    changed(merchant, "changed");
    return MerchantView.of(merchant);
  }

  /**
   * Disables a merchant: no new orders or payments; notifications, refunds, janitors and the
   * reconciliation go on for its existing orders.
   */
  @RolesAllowed(Role.ADMIN_NAME)
  @Audited("merchant.disable")
  public MerchantView disable(String mchId) {
    MerchantAccount merchant = lock(mchId);
    merchant.disable(Instant.now());
    changed(merchant, "disabled");
    return MerchantView.of(merchant);
  }

  @RolesAllowed(Role.ADMIN_NAME)
  @Audited("merchant.enable")
  public MerchantView enable(String mchId) {
    MerchantAccount merchant = lock(mchId);
    merchant.enable(Instant.now());
    changed(merchant, "enabled");
    return MerchantView.of(merchant);
  }

  /**
   * Makes the merchant of {@code paydesk.wechat.*} the first merchant: registered when new (with
   * {@code config:} references, so that its key and certificate are read from configuration at use,
   * as before), its appid and name kept in step, and the first mark moved to it when the configured
   * mch_id changed. Nothing happens when no merchant is configured.
   */
  // Permitted: the start-up bean calls it with no caller; it reads configuration only.
  @PermitAll
  public void syncConfigured(ConfiguredMerchant configured) {
    Instant now = Instant.now();
    for (MerchantAccount other :
        em.createNamedQuery(MerchantAccount.FIRST, MerchantAccount.class)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList()) {
      if (!other.mchId().equals(configured.mchId())) {
        other.markFirst(false, now);
        changed(other, "no longer first");
      }
    }
    MerchantAccount merchant =
        em.find(MerchantAccount.class, configured.mchId(), LockModeType.PESSIMISTIC_WRITE);
    if (merchant == null) {
      merchant =
          MerchantAccount.register(configured.mchId(), settings(configured, null), "config", now);
      merchant.markFirst(true, now);
      em.persist(merchant);
      changed(merchant, "registered from configuration");
      backfill(configured.mchId());
      return;
    }
    backfill(configured.mchId());
    MerchantSettings wanted = settings(configured, merchant.settings());
    if (!merchant.first() || !wanted.equals(merchant.settings())) {
      merchant.change(wanted, now);
      merchant.markFirst(true, now);
      changed(merchant, "synced from configuration");
    }
  }

  /**
   * Orders made before merchants were recorded (or while none was configured) are the first
   * merchant's: the migration cannot say which that is, configuration can, at start.
   */
  private void backfill(String firstMchId) {
    int updated =
        em.createNativeQuery("UPDATE orders SET mch_id = ?1 WHERE mch_id IS NULL")
            .setParameter(1, firstMchId)
            .executeUpdate();
    if (updated > 0) {
      LOG.info(() -> "orders given the first merchant mchId=" + firstMchId + " orders=" + updated);
    }
  }

  /**
   * What {@code paydesk.wechat.*} says of the first merchant.
   *
   * @param apiVersion {@code paydesk.wechat.api-version} when it is set, else null (the registry's
   *     choice stays)
   * @param apiV3 the v3 keys of {@code paydesk.wechat.v3.*} when the version is V3, else null (the
   *     registry's stay)
   */
  public record ConfiguredMerchant(
      String appId, String mchId, boolean certificate, ApiVersion apiVersion, ApiV3Keys apiV3) {

    /** A first merchant whose API version configuration does not say. */
    public ConfiguredMerchant(String appId, String mchId, boolean certificate) {
      this(appId, mchId, certificate, null, null);
    }
  }

  private static MerchantSettings settings(ConfiguredMerchant configured, MerchantSettings now) {
    ApiVersion version =
        configured.apiVersion() != null
            ? configured.apiVersion()
            : now == null ? null : now.apiVersion();
    return new MerchantSettings(
        configured.appId(),
        now == null ? configured.mchId() : now.name(),
        CONFIGURED_KEY,
        configured.certificate() ? CONFIGURED_CERTIFICATE : null,
        configured.certificate() ? CONFIGURED_CERTIFICATE_PASSWORD : null,
        version,
        now == null ? null : now.serviceProvider(),
        configured.apiV3() != null ? configured.apiV3() : now == null ? null : now.apiV3());
  }

  private MerchantAccount lock(String mchId) {
    MerchantAccount merchant =
        mchId == null
            ? null
            : em.find(MerchantAccount.class, mchId, LockModeType.PESSIMISTIC_WRITE);
    if (merchant == null) {
      throw new PayDeskException(ErrorCode.MERCHANT_NOT_FOUND, "no merchant " + mchId);
    }
    return merchant;
  }

  private void changed(MerchantAccount merchant, String what) {
    LOG.info(
        () ->
            "merchant "
                + what
                + " mchId="
                + merchant.mchId()
                + " enabled="
                + merchant.enabled()
                + " first="
                + merchant.first());
    changes.fire(new MerchantChanged(merchant.mchId()));
  }

  private String caller() {
    return context.getCallerPrincipal().getName();
  }
}
