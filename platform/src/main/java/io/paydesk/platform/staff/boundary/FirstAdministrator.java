package io.paydesk.platform.staff.boundary;

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
 * Creates the first administrator from configuration ({@code paydesk.admin.initial-user}, {@code
 * paydesk.admin.initial-password}) when PayDesk has no staff account yet. Later starts change
 * nothing, whatever the configuration says.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
// Permitted: it has no public method; it runs once at startup.
@PermitAll
public class FirstAdministrator {

  private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());

  @EJB SchemaMigration schema;
  @EJB StaffService staff;

  @PostConstruct
  void createIfNone() {
    if (staff.count() > 0) {
      return;
    }
    var config = ConfigProvider.getConfig();
    Optional<String> user = config.getOptionalValue("paydesk.admin.initial-user", String.class);
    Optional<String> password =
        config.getOptionalValue("paydesk.admin.initial-password", String.class);
    if (user.isEmpty() || password.isEmpty()) {
      LOG.warning(
          "no staff account and no paydesk.admin.initial-user/-password: nobody can log in yet");
      return;
    }
    staff.bootstrap(user.get(), password.get().toCharArray());
  }
}
