package io.paydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.Http;
import io.paydesk.it.TestSandbox;
import io.paydesk.sandbox.SandboxMain;
import io.paydesk.sandbox.SandboxServer;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PayDesk is killed while its reconciliation job is half-way through a 20,000-line bill; started
 * again, it resumes after the last committed chunk and ends with every line applied exactly once.
 */
class ReconciliationRestartIT {

  static final int LINES = 20_000;

  @Test
  void aRunBrokenOffByAKillResumesAfterItsLastCommittedChunk() throws Exception {
    SandboxServer sandbox = TestSandbox.get();
    LocalDate date = LocalDate.now(ZoneOffset.ofHours(8)).minusDays(5);
    Path work = Files.createTempDirectory("paydesk-reconciliation-restart");
    Path bill = work.resolve("bill.txt");
    SandboxMain.main(
        new String[] {
          "generate-bill",
          "--lines",
          Integer.toString(LINES),
          "--out",
          bill.toString(),
          "--date",
          date.format(DateTimeFormatter.BASIC_ISO_DATE)
        });
    sandbox.bills().file(date, bill);
    int port = PayDeskRestartIT.freePort();
    Map<String, String> env = new HashMap<>(PayDeskRestartIT.environment(work, port));
    String password = "admin-" + port + "-restart";
    env.put("PAYDESK_ADMIN_INITIAL_PASSWORD", password);
    env.put("PAYDESK_RECONCILIATION_DAILY_AT", "off");
    env.put("PAYDESK_RECONCILIATION_CHUNK_SIZE", "100");
    env.put("PAYDESK_RECONCILIATION_BACKOFF", "PT2S");

    try (MicroProcess paydesk = new MicroProcess(PayDeskRestartIT.ARTIFACTS, work, port, env)) {
      paydesk.start();
      Http admin = new Http(paydesk.url().toURL()).as("admin", password);
      assertThat(admin.post("api/reconciliation/" + date + "/runs").status()).isEqualTo(202);
      // half-way: some chunks committed, most of the bill still to go
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> day(admin, date).getJsonNumber("linesDone").longValue() >= 1_000);
      paydesk.kill();

      paydesk.start();
      await()
          .atMost(Duration.ofMinutes(6))
          .untilAsserted(
              () -> assertThat(day(admin, date).getString("status")).isEqualTo("COMPLETED"));
      JsonObject report = admin.get("api/reconciliation/" + date).json();
      JsonObject day = report.getJsonObject("day");
      assertThat(day.getJsonNumber("linesDone").longValue()).isEqualTo(LINES);
      assertThat(day.getJsonNumber("resumedFrom").longValue()).isBetween(1L, LINES - 1L);
      assertThat(day.getInt("tries")).isGreaterThanOrEqualTo(2);
      // PayDesk knows none of these trades: each line is one discrepancy, none twice
      JsonObject byType = report.getJsonObject("byType");
      assertThat(byType.getInt("PAID_AT_WECHAT_ONLY")).isEqualTo(LINES - LINES / 10);
      assertThat(byType.getInt("REFUND_MISSING")).isEqualTo(LINES / 10);
      assertThat(day.getJsonObject("wechat").getInt("paymentCount")).isEqualTo(LINES - LINES / 10);
      assertThat(day.getJsonObject("wechat").getInt("refundCount")).isEqualTo(LINES / 10);
    } finally {
      sandbox.bills().reset();
    }
  }

  private static JsonObject day(Http http, LocalDate date) {
    var answer = http.get("api/reconciliation/" + date);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().getJsonObject("day");
  }
}
