package io.paydesk.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PayDesk on a Payara Micro process of the test's own, started as ./paydesk run starts it (the
 * resource adapter, then the WAR at /, configuration in the environment), so that a test can stop
 * it and start it again.
 */
final class MicroProcess implements AutoCloseable {

  private final Path artifacts;
  private final Path work;
  private final int port;
  private final Map<String, String> environment;
  private Process process;

  MicroProcess(Path artifacts, Path work, int port, Map<String, String> environment) {
    this.artifacts = artifacts;
    this.work = work;
    this.port = port;
    this.environment = environment;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** Starts Payara Micro and waits until PayDesk's readiness is UP. */
  void start() throws IOException, InterruptedException {
    Path root = work.resolve("micro-root");
    deleteTree(root);
    Path preboot = work.resolve("preboot.asadmin");
    Files.writeString(
        preboot,
        "set configs.config.server-config.hazelcast-config-specific-configuration.enabled=false\n",
        StandardCharsets.UTF_8);
    Path postboot = work.resolve("postboot.asadmin");
    Files.writeString(
        postboot,
        String.join(
            "\n",
            "deploy " + artifacts.resolve("artemis-rar.rar"),
            "deploy --name paydesk --contextroot / " + artifacts.resolve("paydesk.war"),
            ""),
        StandardCharsets.UTF_8);
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m",
                    "-jar",
                    artifacts.resolve("payara-micro.jar").toString(),
                    "--nocluster",
                    "--disablephonehome",
                    "--port",
                    Integer.toString(port),
                    "--rootDir",
                    root.toString(),
                    "--prebootcommandfile",
                    preboot.toString(),
                    "--postbootcommandfile",
                    postboot.toString()))
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("micro.log").toFile());
    // the shop API's first client: the key the shared test client (io.paydesk.it.Http) sends
    builder.environment().put("PAYDESK_API_INITIAL_KEY", io.paydesk.it.Deployments.API_KEY);
    builder.environment().putAll(environment);
    process = builder.start();
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited; see " + work.resolve("micro.log"));
      }
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(url().resolve("/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200 && ready.body().contains("\"database\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "PayDesk not ready in 3 minutes; see " + work.resolve("micro.log"));
  }

  /** Stops the process (SIGTERM, then SIGKILL after 30 s). */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** Kills the process at once (SIGKILL), as a crash or a pulled plug would. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
