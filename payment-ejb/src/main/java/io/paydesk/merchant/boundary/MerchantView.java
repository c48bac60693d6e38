package io.paydesk.merchant.boundary;

import io.paydesk.merchant.entity.ApiV3Keys;
import io.paydesk.merchant.entity.ApiVersion;
import io.paydesk.merchant.entity.MerchantAccount;
import io.paydesk.merchant.entity.MerchantSettings;
import io.paydesk.merchant.entity.SecretReference;
import io.paydesk.merchant.entity.ServiceProvider;
import java.time.Instant;

/**
 * A merchant as staff and the gateway see it. The secrets appear only as their references (where
 * they are kept), never as values: PayDesk does not have the values until it uses them. The API v3
 * fields are null for a merchant without v3 keys; {@code apiKeyRef} may be null for one on v3.
 */
public record MerchantView(
    String mchId,
    String appId,
    String name,
    String apiKeyRef,
    String certificateRef,
    String certificatePasswordRef,
    ApiVersion apiVersion,
    String spMchId,
    String spAppId,
    String subAppId,
    boolean enabled,
    boolean first,
    Instant updatedAt,
    String v3PrivateKeyRef,
    String v3CertificateSerial,
    String apiV3KeyRef,
    String v3PublicKeyId,
    String v3PublicKeyRef) {

  static MerchantView of(MerchantAccount merchant) {
    MerchantSettings s = merchant.settings();
    ServiceProvider sp = s.serviceProvider();
    ApiV3Keys v3 = s.apiV3();
    return new MerchantView(
        merchant.mchId(),
        s.appId(),
        s.name(),
        text(s.apiKey()),
        text(s.certificate()),
        text(s.certificatePassword()),
        s.apiVersion(),
        sp == null ? null : sp.spMchId(),
        sp == null ? null : sp.spAppId(),
        sp == null ? null : sp.subAppId(),
        merchant.enabled(),
        merchant.first(),
        merchant.updatedAt(),
        v3 == null ? null : text(v3.privateKey()),
        v3 == null ? null : v3.certificateSerial(),
        v3 == null ? null : text(v3.apiV3Key()),
        v3 == null ? null : v3.publicKeyId(),
        v3 == null ? null : text(v3.publicKey()));
  }

  /** The settings again, as the gateway needs them (references parsed). */
  public MerchantSettings settings() {
    return new MerchantSettings(
        appId,
        name,
        SecretReference.parseOptional(apiKeyRef),
        SecretReference.parseOptional(certificateRef),
        SecretReference.parseOptional(certificatePasswordRef),
        apiVersion,
        spMchId == null ? null : new ServiceProvider(spMchId, spAppId, subAppId),
        v3PrivateKeyRef == null
            ? null
            : new ApiV3Keys(
                SecretReference.parse(v3PrivateKeyRef),
                v3CertificateSerial,
                SecretReference.parse(apiV3KeyRef),
                v3PublicKeyId,
                SecretReference.parseOptional(v3PublicKeyRef)));
  }

  /** Whether this merchant is a service provider's sub-merchant (its mch_id is a sub_mch_id). */
  public boolean subMerchant() {
    return spMchId != null;
  }

  /** Whether PayDesk speaks API v3 for this merchant. */
  public boolean apiV3() {
    return apiVersion == ApiVersion.V3;
  }

  private static String text(SecretReference reference) {
    return reference == null ? null : reference.toString();
  }
}
