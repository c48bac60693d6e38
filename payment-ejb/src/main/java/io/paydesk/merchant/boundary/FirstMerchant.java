package io.paydesk.merchant.boundary;

import io.paydesk.merchant.boundary.MerchantRegistry.ConfiguredMerchant;
import io.paydesk.platform.database.boundary.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps the merchant of {@code paydesk.wechat.*} (appid, mch-id, api-key) registered as the first
 * merchant at every start, so that a single-merchant configuration works unchanged: its key and
 * certificate stay in configuration and are read at use. Permitted to everyone: it has no public
 * method.
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
      registry.syncConfigured(new ConfiguredMerchant(appId.get(), mchId.get(), certificate));
    } catch (RuntimeException e) {
      // another node may be syncing the same row; its result is the same
      LOG.log(
          Level.WARNING,
          "first merchant not synced from configuration mchId=" + mchId.get() + "; next start",
          e);
    }
  }
}
