package io.paydesk.merchant.boundary;

import io.paydesk.merchant.entity.ApiVersion;
import io.paydesk.merchant.entity.MerchantAccount;
import io.paydesk.merchant.entity.MerchantSettings;
import io.paydesk.merchant.entity.ServiceProvider;
import java.time.Instant;

/**
 * A merchant as staff and the gateway see it. The secrets appear only as their references (where
 * they are kept), never as values: PayDesk does not have the values until it uses them.
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
    Instant updatedAt) {

  static MerchantView of(MerchantAccount merchant) {
    MerchantSettings s = merchant.settings();
    ServiceProvider sp = s.serviceProvider();
    return new MerchantView(
        merchant.mchId(),
        s.appId(),
        s.name(),
        s.apiKey().toString(),
        s.certificate() == null ? null : s.certificate().toString(),
        s.certificatePassword() == null ? null : s.certificatePassword().toString(),
        s.apiVersion(),
        sp == null ? null : sp.spMchId(),
        sp == null ? null : sp.spAppId(),
        sp == null ? null : sp.subAppId(),
        merchant.enabled(),
        merchant.first(),
        merchant.updatedAt());
  }

  /** The settings again, as the gateway needs them (references parsed). */
  public MerchantSettings settings() {
    return new MerchantSettings(
        appId,
        name,
        io.paydesk.merchant.entity.SecretReference.parse(apiKeyRef),
        io.paydesk.merchant.entity.SecretReference.parseOptional(certificateRef),
        io.paydesk.merchant.entity.SecretReference.parseOptional(certificatePasswordRef),
        apiVersion,
        spMchId == null ? null : new ServiceProvider(spMchId, spAppId, subAppId));
  }

  /** Whether this merchant is a service provider's sub-merchant (its mch_id is a sub_mch_id). */
  public boolean subMerchant() {
    return spMchId != null;
  }
}
