package io.paydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.ErpEventConsumer;
import io.paydesk.it.Http;
import io.paydesk.it.TestBroker;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EAR on a full-profile Payara Server: a domain of its own on loopback ports, the Artemis
 * resource adapter deployed first, configuration as server system properties, then the EAR.
 */
class EarOnPayaraServerIT {

  static final String DOMAIN = "paydesk-it";
  static final int PORT_BASE = 28000;
  static final int ADMIN_PORT = PORT_BASE + 48;
  static final int HTTP_PORT = PORT_BASE + 80;
  static final Duration WAIT = Duration.ofSeconds(60);

  static final Path PAYARA = Path.of(System.getProperty("paydesk.it.payara"));
  static final Path ARTIFACTS = Path.of(System.getProperty("paydesk.it.dir"));

  static Http http;

  @BeforeAll
  static void deployTheEar() throws Exception {
    TestBroker broker = TestBroker.get();
    Path data = Files.createTempDirectory("paydesk-ear");
    asadmin("delete-domain", DOMAIN).ignoreFailure();
    asadmin(
            "create-domain",
            "--nopassword=true",
            "--portbase",
            Integer.toString(PORT_BASE),
            "--checkports=true",
            DOMAIN)
        .check();
    asadmin("start-domain", DOMAIN).check();
    asadminOnDomain(
            "create-system-properties",
            "--target",
            "server",
            String.join(
                ":",
                "paydesk.data-dir=" + data,
                "paydesk.db.password=" + UUID.randomUUID().toString().replace("-", ""),
                "paydesk.jms.port=" + broker.port(),
                "paydesk.jms.user=" + TestBroker.USER,
                "paydesk.jms.password=" + TestBroker.PASSWORD,
                "paydesk.api.initial-key=" + io.paydesk.it.TestApiKey.VALUE))
        .check();
    asadminOnDomain("deploy", ARTIFACTS.resolve("artemis-rar.rar").toString()).check();
    asadminOnDomain("deploy", ARTIFACTS.resolve("paydesk.ear").toString()).check();
    http = new Http(new URL("http://127.0.0.1:" + HTTP_PORT + "/"));
  }

  @AfterAll
  static void stopTheServer() throws Exception {
    asadmin("stop-domain", DOMAIN).ignoreFailure();
  }

  @Test
  void theEarIsReadyAndServesItsPagesAndApi() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var ready = http.get("/health/ready");
              assertThat(ready.status()).isEqualTo(200);
              assertThat(ready.body()).contains("\"database\"").contains("\"broker\"");
            });

    // the console: behind the form login, rendered with PrimeFaces (in the skinny WAR) and
    // OmniFaces; the staff API answers Basic
    var page = http.get("admin/index.xhtml");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/admin/login.xhtml");
    var login = http.get("admin/login.xhtml");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body()).contains("Log in").contains("ln=primefaces");
    var script =
        login
            .body()
            .replaceAll(
                "(?s).*src=\"/(jakarta\\.faces\\.resource/[^\"]*ln=primefaces[^\"]*)\".*", "$1");
    assertThat(http.get(script.replace("&amp;", "&")).status()).isEqualTo(200);
    // the staff API: nobody without credentials, and not the shop's API client either
    assertThat(http.anonymous().postJson("api/staff/users", "{}").status()).isEqualTo(401);
    assertThat(http.postJson("api/staff/users", "{}").status()).isEqualTo(403);

    String orderNo = "EAR" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    assertThat(http.postJson("api/orders", Http.order(orderNo, 700)).status()).isEqualTo(201);
    assertThat(http.get("api/orders/" + orderNo).json().getString("status")).isEqualTo("CREATED");
    try (var erp = new ErpEventConsumer(TestBroker.get().url(), "paydesk.erp.events")) {
      var events = erp.receiveUntil(e -> orderNo.equals(e.aggregateId()), WAIT);
      assertThat(events.get(events.size() - 1).type()).isEqualTo("OrderCreated");
    }
  }

  /** Output and exit code of one asadmin command. */
  record Outcome(List<String> command, int exit, String output) {
    void check() {
      assertThat(exit).as("%s%n%s", command, output).isZero();
    }

    void ignoreFailure() {}
  }

  static Outcome asadminOnDomain(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--port", Integer.toString(ADMIN_PORT)));
    all.addAll(List.of(args));
    return asadmin(all.toArray(String[]::new));
  }

  static Outcome asadmin(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(PAYARA.resolve("bin/asadmin").toString());
    command.add("--interactive=false");
    command.addAll(List.of(args));
    PAYARA.resolve("bin/asadmin").toFile().setExecutable(true);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("asadmin timed out: " + command);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Outcome(command, process.exitValue(), output);
  }
}
