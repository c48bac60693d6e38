package io.paydesk.platform.database.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Declares PayDesk's datasource and brings its schema up to date before anything else touches it.
 *
 * <p>Class, URL, user and password come from MicroProfile Config ({@code paydesk.db.*}): the
 * embedded H2 file database by default, PostgreSQL by configuration alone. Every module keeps its
 * own versioned SQL under {@code db/migration} in its EJB jar; versions are dates, so modules never
 * collide. Beans that run on their own (timers, relays) call {@link #version()} first: the
 * container only delivers that call once this singleton has finished migrating.
 */
@DataSourceDefinition(
    name = SchemaMigration.DATASOURCE,
    className = "${MPCONFIG=paydesk.db.class}",
    url = "${MPCONFIG=paydesk.db.url}",
    user = "${MPCONFIG=paydesk.db.user}",
    password = "${MPCONFIG=paydesk.db.password}",
    minPoolSize = 2,
    maxPoolSize = 32,
    initialPoolSize = 2,
    transactional = true,
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=auto-commit",
      "fish.payara.fail-all-connections=true",
      "fish.payara.max-wait-time-in-millis=10000"
    })
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// Permitted: it migrates at startup and tells the schema version, nothing else.
@PermitAll
public class SchemaMigration {

  public static final String DATASOURCE = "java:app/jdbc/PayDesk";

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = DATASOURCE)
  DataSource dataSource;

  private volatile String version;

  @PostConstruct
  void migrate() {
    Flyway flyway =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .load();
    MigrateResult result = flyway.migrate();
    // the schema's version, also when this start applied nothing (another node, or an earlier
    // start, migrated it already)
    version = flyway.info().current().getVersion().getVersion();
    LOG.info(
        () ->
            "schema migrated database="
                + result.database
                + " applied="
                + result.migrationsExecuted
                + " version="
                + version);
  }

  /** The schema version this node migrated to; calling it waits until migration is done. */
  public String version() {
    return version;
  }
}
