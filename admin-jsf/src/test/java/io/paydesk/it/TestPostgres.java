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

  /**
   * Stops the server hard, as a crash or {@code pg_ctl stop -m immediate} would: SIGQUIT to the
   * postmaster, which ends every backend at once without a checkpoint; the next {@link #start()}
   * recovers from the write-ahead log.
   */
  public synchronized void stopHard() {
    if (server == null) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
      Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -QUIT " + pid + " failed");
      }
      java.util.Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (postmaster.isPresent() && postmaster.get().isAlive()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the postmaster " + pid + " did not stop");
        }
        Thread.sleep(50);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    // releases zonky's lock on the data directory (its own pg_ctl stop finds nothing to stop)
    stop();
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
