package io.paydesk.platform.job.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JobLease's two statements, run as JDBC statements against an in-memory H2. */
class JobLeaseSqlTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 12, 4, 10, 0, 0, 0, ZoneOffset.UTC);

  private Connection db;

  @BeforeEach
  void createTable() throws SQLException {
    db = DriverManager.getConnection("jdbc:h2:mem:lease-" + System.nanoTime());
    try (var s = db.createStatement()) {
      // as payment-ejb's migration V2026.11.28.1 creates it
      s.execute(
          "CREATE TABLE job_lease (name VARCHAR(64) NOT NULL PRIMARY KEY, owner VARCHAR(64),"
              + " expires_at TIMESTAMP WITH TIME ZONE)");
      s.execute("INSERT INTO job_lease (name) VALUES ('payment-janitor')");
    }
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void aFreeLeaseIsTakenAndThenRefusedToAnotherNodeUntilItExpires() throws SQLException {
    assertThat(acquire("node-a", NOW)).isEqualTo(1);
    assertThat(owner()).isEqualTo("node-a");

    assertThat(acquire("node-b", NOW.plusSeconds(60))).isZero();
    assertThat(owner()).isEqualTo("node-a");

    assertThat(acquire("node-b", NOW.plusSeconds(121))).isEqualTo(1);
    assertThat(owner()).isEqualTo("node-b");
  }

  @Test
  void itsHolderRenewsItBeforeItExpires() throws SQLException {
    acquire("node-a", NOW);

    assertThat(acquire("node-a", NOW.plusSeconds(90))).isEqualTo(1);
    assertThat(acquire("node-b", NOW.plusSeconds(150))).isZero();
  }

  @Test
  void onlyItsHolderReleasesItAndThenAnyoneTakesIt() throws SQLException {
    acquire("node-a", NOW);

    assertThat(release("node-b")).isZero();
    assertThat(owner()).isEqualTo("node-a");
    assertThat(release("node-a")).isEqualTo(1);
    assertThat(owner()).isNull();
    assertThat(acquire("node-b", NOW.plusSeconds(1))).isEqualTo(1);
  }

  @Test
  void aLeaseWithoutARowIsNeverTaken() throws SQLException {
    try (PreparedStatement s = db.prepareStatement(JobLease.ACQUIRE)) {
      s.setString(1, "node-a");
      s.setObject(2, NOW.plusMinutes(2));
      s.setString(3, "no-such-lease");
      s.setObject(4, NOW);
      assertThat(s.executeUpdate()).isZero();
    }
  }

  /** Takes the lease at {@code now} for two minutes, as tryAcquire does. */
  private int acquire(String node, OffsetDateTime now) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(JobLease.ACQUIRE)) {
      s.setString(1, node);
      s.setObject(2, now.plusMinutes(2));
      s.setString(3, "payment-janitor");
      s.setObject(4, now);
      return s.executeUpdate();
    }
  }

  private int release(String node) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(JobLease.RELEASE)) {
      s.setString(1, "payment-janitor");
      s.setString(2, node);
      return s.executeUpdate();
    }
  }

  private String owner() throws SQLException {
    try (var s = db.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT owner FROM job_lease WHERE name = 'payment-janitor'")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
