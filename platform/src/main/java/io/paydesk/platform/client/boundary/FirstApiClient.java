package io.paydesk.platform.client.boundary;

import io.paydesk.platform.database.boundary.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Creates the first API client, with every scope, from configuration ({@code
 * paydesk.api.initial-client}, {@code paydesk.api.initial-key}; {@code ./paydesk run} generates the
 * key into {@code data/secrets/api-key}) while PayDesk has no API client yet. Later starts change
 * nothing, whatever the configuration says. Permitted to everyone: it has no public method.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@PermitAll
public class FirstApiClient {

  private static final Logger LOG = Logger.getLogger(FirstApiClient.class.getName());

  @EJB SchemaMigration schema;
  @EJB ApiClients clients;

  @PostConstruct
  void createIfNone() {
    var config = ConfigProvider.getConfig();
    Optional<String> key = config.getOptionalValue("paydesk.api.initial-key", String.class);
    if (key.isEmpty()) {
      if (clients.count() == 0) {
        LOG.info("no API client and no paydesk.api.initial-key: the shop API accepts nobody yet");
      }
      return;
    }
    String name =
        config.getOptionalValue("paydesk.api.initial-client", String.class).orElse("shop");
    clients.bootstrap(name, key.get());
  }
}
