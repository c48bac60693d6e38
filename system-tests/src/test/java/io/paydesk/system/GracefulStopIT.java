package io.paydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.Http;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Readiness tells the truth on a real Payara Micro process: never UP before PayDesk is deployed and
 * its own checks pass, never UP again once the node is asked to stop; and a SIGTERM gives the
 * node's job leases up, so that another node takes over at once.
 */
class GracefulStopIT {

  /** One answer of /health/ready: the HTTP status (0: nothing listening) and the body. */
  record Probe(long at, int status, String body) {}

  @Test
  void readinessIsUpOnlyWhilePayDeskRunsAndASigtermReleasesTheLeases() throws Exception {
    Path work = Files.createTempDirectory("paydesk-stop");
    int port = PayDeskRestartIT.freePort();
    Map<String, String> env = new HashMap<>(PayDeskRestartIT.environment(work, port));
    Map<String, String> database =
        MicroProcess.postgres("stop_" + UUID.randomUUID().toString().substring(0, 8));
    env.putAll(database);

    try (MicroProcess paydesk = new MicroProcess(PayDeskRestartIT.ARTIFACTS, work, port, env)) {
      ShopClient shop = new ShopClient(paydesk.url());
      List<Probe> probes = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean probing = new AtomicBoolean(true);
      Thread prober = new Thread(() -> probe(shop, probes, probing), "readiness-probe");
      prober.start();
      paydesk.start();

      // while booting: nothing listening, or DOWN; the first UP already carries PayDesk's checks
      List<Probe> booting = List.copyOf(probes);
      assertThat(booting).isNotEmpty();
      for (Probe p : booting) {
        if (p.status() == 200) {
          assertThat(p.body()).contains("\"database\"", "\"running\"", "\"broker\"");
        }
      }
      assertThat(booting.get(0).status()).isNotEqualTo(200);

      // the relay and the janitors hold their leases within a few seconds
      await().atMost(Duration.ofSeconds(60)).until(() -> heldLeases(database) >= 2);

      long stopAt = System.currentTimeMillis();
      assertThat(paydesk.terminate(Duration.ofSeconds(60))).as("stopped within 60 s").isTrue();
      probing.set(false);
      prober.join();

      assertThat(heldLeases(database)).as("leases still held after SIGTERM").isZero();
      assertThat(probes.stream().filter(p -> p.at() > stopAt + 200 && p.status() == 200))
          .as("readiness UP after the SIGTERM")
          .isEmpty();
    }
  }

  private static void probe(ShopClient shop, List<Probe> probes, AtomicBoolean probing) {
    while (probing.get()) {
      long at = System.currentTimeMillis();
      try {
        Http.Answer answer = shop.readiness();
        probes.add(new Probe(at, answer.status(), answer.body()));
      } catch (UncheckedIOException notListening) {
        probes.add(new Probe(at, 0, ""));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static int heldLeases(Map<String, String> database) throws Exception {
    try (var connection =
            DriverManager.getConnection(database.get("PAYDESK_DB_URL"), "postgres", "");
        var rows =
            connection
                .createStatement()
                .executeQuery("SELECT count(*) FROM job_lease WHERE owner IS NOT NULL")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
