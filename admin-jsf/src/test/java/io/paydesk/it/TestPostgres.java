package io.paydesk.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server for the tests (zonky's embedded binaries), on a fixed port and data
 * directory so that a test can stop it (an outage) and start it again with its data.
 */
public final class TestPostgres {

  private static TestPostgres instance;

  private final int port = TestBroker.freePort();
  private final Path dir;
  private EmbeddedPostgres server;

  private TestPostgres(Path dir) {
    this.dir = dir;
  }

  public static synchronized TestPostgres get() {
    if (instance == null) {
      try {
        instance = new TestPostgres(Files.createTempDirectory("paydesk-pg"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      instance.start();
    }
    return instance;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** A new, empty database on this server (for tests that need PayDesk's tables to themselves). */
  public synchronized String newDatabase(String name) {
    start();
    try (var connection = server.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  public synchronized void start() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start PostgreSQL", e);
      }
    }
  }

  public synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server = null;
    }
  }
}
