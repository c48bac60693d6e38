package io.paydesk.merchant.boundary;

import io.paydesk.merchant.boundary.MerchantRegistry.ConfiguredMerchant;
import io.paydesk.merchant.entity.ApiV3Keys;
import io.paydesk.merchant.entity.ApiVersion;
import io.paydesk.merchant.entity.SecretReference;
import io.paydesk.platform.database.boundary.SchemaMigration;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps the merchant of {@code paydesk.wechat.*} (appid, mch-id, api-key) registered as the first
 * merchant at every start, so that a single-merchant configuration works unchanged: its key and
 * certificate stay in configuration and are read at use. With {@code paydesk.wechat.api-version}
 * set, it chooses the first merchant's API version; {@code v3} records the files of {@code
 * paydesk.wechat.v3.*} as the merchant's v3 keys. Permitted to everyone: it has no public method.
 */
@Startup
@Singleton
@PermitAll
public class FirstMerchant {

  private static final Logger LOG = Logger.getLogger(FirstMerchant.class.getName());

  @EJB SchemaMigration schema;
  @EJB MerchantRegistry registry;

  @PostConstruct
  void sync() {
    schema.version();
    Config config = ConfigProvider.getConfig();
    Optional<String> appId = config.getOptionalValue("paydesk.wechat.appid", String.class);
    Optional<String> mchId = config.getOptionalValue("paydesk.wechat.mch-id", String.class);
    if (appId.isEmpty() || mchId.isEmpty()) {
      LOG.info("no paydesk.wechat.appid and mch-id: no first merchant from configuration");
      return;
    }
    boolean certificate =
        config
            .getOptionalValue("paydesk.wechat.cert-path", String.class)
            .filter(path -> !path.isBlank())
            .isPresent();
    try {
      ApiVersion version = version(config);
      registry.syncConfigured(
          new ConfiguredMerchant(
              appId.get(),
              mchId.get(),
              certificate,
              version,
              version == ApiVersion.V3 ? apiV3Keys(config) : null));
    } catch (RuntimeException e) {
      // another node may be syncing the same row; its result is the same
      LOG.log(
          Level.WARNING,
          "first merchant not synced from configuration mchId=" + mchId.get() + "; next start",
          e);
    }
  }

  /** {@code paydesk.wechat.api-version} ({@code v2} or {@code v3}), or null when it is not set. */
  static ApiVersion version(Config config) {
    return config
        .getOptionalValue("paydesk.wechat.api-version", String.class)
        .filter(value -> !value.isBlank())
        .map(value -> "v3".equalsIgnoreCase(value.strip()) ? ApiVersion.V3 : ApiVersion.V2)
        .orElse(null);
  }

  /**
   * The v3 keys of {@code paydesk.wechat.v3.*}: the files it names become {@code file:} references
   * (absolute), read when used as a registered merchant's are.
   *
   * @throws PayDeskException WECHAT_NOT_CONFIGURED naming the first key that is missing
   */
  static ApiV3Keys apiV3Keys(Config config) {
    Optional<String> publicKeyId =
        config.getOptionalValue("paydesk.wechat.v3.public-key-id", String.class);
    return new ApiV3Keys(
        file(config, "paydesk.wechat.v3.private-key-file"),
        required(config, "paydesk.wechat.v3.certificate-serial"),
        file(config, "paydesk.wechat.v3.api-v3-key-file"),
        publicKeyId.orElse(null),
        publicKeyId.isPresent() ? file(config, "paydesk.wechat.v3.public-key-file") : null);
  }

  private static SecretReference file(Config config, String key) {
    return new SecretReference(
        SecretReference.Kind.FILE,
        Path.of(required(config, key)).toAbsolutePath().normalize().toString());
  }

  private static String required(Config config, String key) {
    return config
        .getOptionalValue(key, String.class)
        .filter(value -> !value.isBlank())
        .orElseThrow(
            () ->
                new PayDeskException(
                    ErrorCode.WECHAT_NOT_CONFIGURED,
                    "set " + key + " to use WeChat Pay API v3 (paydesk.wechat.api-version=v3)"));
  }
}
