package io.paydesk.reconciliation.control;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class LedgerAndMatchingOnPostgresTest extends LedgerAndMatchingContract {

  static EmbeddedPostgres server;

  @BeforeAll
  static void starts() throws IOException {
    server = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stops() throws IOException {
    server.close();
  }

  @Override
  DataSource freshDatabase() throws SQLException {
    String name = "t" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return server.getDatabase("postgres", name);
  }
}
