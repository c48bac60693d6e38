package io.paydesk.merchant.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A merchant PayDesk takes payments for: a WeChat Pay mch_id with its appid, its API key and client
 * certificate by reference, and the API version PayDesk speaks for it (V2, with the API key; V3,
 * with its {@link ApiV3Keys}). A service provider's sub-merchant is served over the partner API v2.
 *
 * <p>Lifecycle: registered enabled by an administrator (or, for the first merchant, synced from
 * {@code paydesk.wechat.*} at start); its settings change; it is disabled (no new orders or
 * payments, while notifications, refunds, janitors and reconciliation go on for its existing
 * orders) and enabled again. Its mch_id never changes, and it is never deleted: orders refer to it.
 */
@Entity
@Table(name = "merchant")
@NamedQuery(name = MerchantAccount.ALL, query = "SELECT m FROM MerchantAccount m ORDER BY m.mchId")
@NamedQuery(
    name = MerchantAccount.FIRST,
    query = "SELECT m FROM MerchantAccount m WHERE m.firstMerchant = TRUE")
public class MerchantAccount {

  public static final String ALL = "MerchantAccount.all";
  public static final String FIRST = "MerchantAccount.first";

  public static final int MAX_NAME = 64;

  @Id
  @Column(name = "mch_id", length = 32, updatable = false)
  private String mchId;

  @Column(name = "appid", nullable = false, length = 32)
  private String appId;

  @Column(nullable = false, length = 64)
  private String name;

  @Column(name = "api_key_ref", length = 255)
  private String apiKey;

  @Column(name = "cert_ref", length = 255)
  private String certificate;

  @Column(name = "cert_password_ref", length = 255)
  private String certificatePassword;

  @Enumerated(EnumType.STRING)
  @Column(name = "api_version", nullable = false, length = 8)
  private ApiVersion apiVersion;

  @Column(name = "sp_mch_id", length = 32)
  private String spMchId;

  @Column(name = "sp_appid", length = 32)
  private String spAppId;

  @Column(name = "sub_appid", length = 32)
  private String subAppId;

  @Column(name = "v3_private_key_ref", length = 255)
  private String v3PrivateKey;

  @Column(name = "v3_certificate_serial", length = 64)
  private String v3CertificateSerial;

  @Column(name = "v3_api_key_ref", length = 255)
  private String v3ApiKey;

  @Column(name = "v3_public_key_id", length = 64)
  private String v3PublicKeyId;

  @Column(name = "v3_public_key_ref", length = 255)
  private String v3PublicKey;

  @Column(nullable = false)
  private boolean enabled;

  /** The merchant of {@code paydesk.wechat.*}: the old notify URLs and orders without one. */
  @Column(name = "first_merchant", nullable = false)
  private boolean firstMerchant;

  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  @Column(name = "created_by", nullable = false, length = 64, updatable = false)
  private String createdBy;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  @Version private long version;

  protected MerchantAccount() {}

  /** A new, enabled merchant. */
  public static MerchantAccount register(
      String mchId, MerchantSettings settings, String by, Instant now) {
    if (mchId == null || !ServiceProvider.MCH_ID.matcher(mchId).matches()) {
      throw invalid("mch_id is 1 to 32 digits");
    }
    Objects.requireNonNull(by, "by");
    MerchantAccount merchant = new MerchantAccount();
    merchant.mchId = mchId;
    merchant.createdAt = now.atOffset(ZoneOffset.UTC);
    merchant.createdBy = by;
    merchant.enabled = true;
    merchant.change(settings, now);
    return merchant;
  }

  /** Replaces the settings; the mch_id, state and creation stay. */
  public void change(MerchantSettings settings, Instant now) {
    Objects.requireNonNull(settings, "settings");
    if (settings.appId() == null || !ServiceProvider.APP_ID.matcher(settings.appId()).matches()) {
      throw invalid("appid is 1 to 32 letters, digits or '_'");
    }
    if (settings.name() == null
        || settings.name().isBlank()
        || settings.name().strip().length() > MAX_NAME) {
      throw invalid("name is required, at most " + MAX_NAME + " characters");
    }
    ApiVersion version = settings.apiVersion() == null ? ApiVersion.V2 : settings.apiVersion();
    if (version == ApiVersion.V2 && settings.apiKey() == null) {
      throw invalid("the API key is required, by reference (file:, env:, alias: or config:)");
    }
    if (version == ApiVersion.V3 && settings.apiV3() == null) {
      throw invalid(
          "API v3 needs the merchant's private key, certificate serial and APIv3 key (by"
              + " reference)");
    }
    if (version == ApiVersion.V3 && settings.serviceProvider() != null) {
      throw invalid("a service provider's sub-merchant is served over the partner API v2");
    }
    if (settings.certificatePassword() != null && settings.certificate() == null) {
      throw invalid("a certificate password without a certificate");
    }
    this.appId = settings.appId();
    this.name = settings.name().strip();
    this.apiKey = text(settings.apiKey());
    this.certificate = text(settings.certificate());
    this.certificatePassword = text(settings.certificatePassword());
    this.apiVersion = version;
    ApiV3Keys v3 = settings.apiV3();
    this.v3PrivateKey = v3 == null ? null : text(v3.privateKey());
    this.v3CertificateSerial = v3 == null ? null : v3.certificateSerial();
    this.v3ApiKey = v3 == null ? null : text(v3.apiV3Key());
    this.v3PublicKeyId = v3 == null ? null : v3.publicKeyId();
    this.v3PublicKey = v3 == null ? null : text(v3.publicKey());
    ServiceProvider sp = settings.serviceProvider();
    this.spMchId = sp == null ? null : sp.spMchId();
    this.spAppId = sp == null ? null : sp.spAppId();
    this.subAppId = sp == null ? null : sp.subAppId();
    this.updatedAt = now.atOffset(ZoneOffset.UTC);
  }

  /** Stops new orders and payments; everything under way for existing orders goes on. */
  public void disable(Instant now) {
    enabled = false;
    updatedAt = now.atOffset(ZoneOffset.UTC);
  }

  public void enable(Instant now) {
    enabled = true;
    updatedAt = now.atOffset(ZoneOffset.UTC);
  }

  /** Makes this the merchant of {@code paydesk.wechat.*}, or stops it being that. */
  public void markFirst(boolean first, Instant now) {
    this.firstMerchant = first;
    updatedAt = now.atOffset(ZoneOffset.UTC);
  }

  public String mchId() {
    return mchId;
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean first() {
    return firstMerchant;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant updatedAt() {
    return updatedAt.toInstant();
  }

  public MerchantSettings settings() {
    return new MerchantSettings(
        appId,
        name,
        SecretReference.parseOptional(apiKey),
        SecretReference.parseOptional(certificate),
        SecretReference.parseOptional(certificatePassword),
        apiVersion,
        spMchId == null ? null : new ServiceProvider(spMchId, spAppId, subAppId),
        v3PrivateKey == null
            ? null
            : new ApiV3Keys(
                SecretReference.parse(v3PrivateKey),
                v3CertificateSerial,
                SecretReference.parse(v3ApiKey),
                v3PublicKeyId,
                SecretReference.parseOptional(v3PublicKey)));
  }

  private static String text(SecretReference reference) {
    return reference == null ? null : reference.toString();
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }
}
