package io.paydesk.merchant.entity;

/**
 * What an administrator sets for a merchant (everything but its mch_id, which never changes). The
 * secrets are references ({@link SecretReference}); {@code certificate} and {@code
 * certificatePassword} may be null (no refunds without a certificate; the password defaults to the
 * mch_id, as WeChat issues it). {@code serviceProvider} is null for an ordinary merchant. {@code
 * apiKey} (API v2) may be null for a merchant on API v3, which needs {@code apiV3} instead.
 */
public record MerchantSettings(
    String appId,
    String name,
    SecretReference apiKey,
    SecretReference certificate,
    SecretReference certificatePassword,
    ApiVersion apiVersion,
    ServiceProvider serviceProvider,
    ApiV3Keys apiV3) {

  /** Settings without API v3 keys. */
  public MerchantSettings(
      String appId,
      String name,
      SecretReference apiKey,
      SecretReference certificate,
      SecretReference certificatePassword,
      ApiVersion apiVersion,
      ServiceProvider serviceProvider) {
    this(appId, name, apiKey, certificate, certificatePassword, apiVersion, serviceProvider, null);
  }
}
