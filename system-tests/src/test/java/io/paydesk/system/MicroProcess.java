package io.paydesk.system;

import io.paydesk.it.TestPostgres;
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

  /** The HTTP listener opens only once PayDesk is deployed, as in ./paydesk run. */
  static final String LISTENER =
      "configs.config.server-config.network-config.network-listeners.network-listener.http-listener";

  /** A boot takes 20-30 s on an idle 2-core machine, minutes when other builds share it. */
  static final Duration BOOT_TIMEOUT = Duration.ofMinutes(8);

  private final Path artifacts;
  private final Path work;
  private final int port;
  private final Map<String, String> environment;
  private final Grid grid;
  private Process process;

  MicroProcess(Path artifacts, Path work, int port, Map<String, String> environment) {
    this(artifacts, work, port, environment, null);
  }

  /**
   * A node of a cluster: in the data grid {@code grid} (as ./paydesk run --nodes N starts them), or
   * alone without one ({@code grid} null).
   */
  MicroProcess(Path artifacts, Path work, int port, Map<String, String> environment, Grid grid) {
    this.artifacts = artifacts;
    this.work = work;
    this.port = port;
    this.environment = environment;
    this.grid = grid;
  }

  /**
   * Payara's data grid on loopback: its name, every member's port, and this node's (its number in
   * {@code ports}, from 0).
   */
  record Grid(String name, List<Integer> ports, int member) {

    /** Payara Micro's options, as ./paydesk run's cluster_options gives them. */
    List<String> options() {
      String members = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
      return List.of(
          "--clustername",
          name,
          "--clustermode",
          "tcpip:" + members,
          "--interfaces",
          "127.0.0.1",
          "--startport",
          Integer.toString(ports.get(member)),
          "--name",
          "node" + (member + 1),
          "--nohostaware");
    }
  }

  /** PayDesk's settings for a new database of its own on the tests' PostgreSQL. */
  static Map<String, String> postgres(String database) {
    return Map.of(
        "PAYDESK_DB_CLASS", "org.postgresql.ds.PGSimpleDataSource",
        "PAYDESK_DB_URL", TestPostgres.get().newDatabase(database),
        "PAYDESK_DB_USER", "postgres",
        "PAYDESK_DB_PASSWORD", "unused-with-trust-auth");
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
        String.join(
            "\n",
            "set " + LISTENER + ".enabled=false",
            grid != null
                ? "# in the data grid " + grid.name()
                : "set configs.config.server-config.hazelcast-config-specific-configuration"
                    + ".enabled=false",
            ""),
        StandardCharsets.UTF_8);
    Path postboot = work.resolve("postboot.asadmin");
    Files.writeString(
        postboot,
        String.join(
            "\n",
            "deploy " + artifacts.resolve("artemis-rar.rar"),
            "deploy --name paydesk --contextroot / " + artifacts.resolve("paydesk.war"),
            "set " + LISTENER + ".enabled=true",
            ""),
        StandardCharsets.UTF_8);
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    if (grid != null) {
      // Hazelcast binds every interface unless told otherwise, even with --interfaces
      command.add("-Dhazelcast.socket.bind.any=false");
      command.add("-Djava.net.preferIPv4Stack=true");
    }
    command.add("-jar");
    command.add(artifacts.resolve("payara-micro.jar").toString());
    command.addAll(grid == null ? List.of("--nocluster") : grid.options());
    command.add("--disablephonehome");
    ProcessBuilder builder =
        new ProcessBuilder(
                concat(
                    command,
                    "--port",
                    Integer.toString(port),
                    "--rootDir",
                    root.toString(),
                    "--prebootcommandfile",
                    preboot.toString(),
                    "--postbootcommandfile",
                    postboot.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("micro.log").toFile()));
    // the shop API's first client: the key the shared test client (io.paydesk.it.Http) sends
    builder.environment().put("PAYDESK_API_INITIAL_KEY", io.paydesk.it.TestApiKey.VALUE);
    builder.environment().putAll(environment);
    process = builder.start();
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited; see " + work.resolve("micro.log"));
      }
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(url().resolve("/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200
            && ready.body().contains("\"database\"")
            && ready.body().contains("\"running\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "PayDesk not ready in " + BOOT_TIMEOUT + "; see " + work.resolve("micro.log"));
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

  /**
   * Asks the process to stop (SIGTERM, as Ctrl-C on ./paydesk run does) and waits until it has, at
   * most {@code timeout}; answers whether it stopped in time.
   */
  boolean terminate(Duration timeout) throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return true;
    }
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
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

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
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
