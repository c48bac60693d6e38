package io.paydesk.system;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in front of PayDesk's nodes, configured as ./paydesk run --nodes N configures
 * it: a node is in the rotation while its /health/ready is UP, staff stick to a node by the
 * PAYDESK_NODE cookie ("node1", "node2", ...), and a request whose connection fails goes to another
 * node. {@code ./paydesk test} installs haproxy when it is missing.
 */
final class LoadBalancer implements AutoCloseable {

  static final String HAPROXY = System.getProperty("paydesk.it.haproxy", "/usr/sbin/haproxy");

  /** The cookie HAProxy pins a browser to a node with. */
  static final String NODE_COOKIE = "PAYDESK_NODE";

  private final int port;
  private final Process process;

  private LoadBalancer(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts HAProxy on 127.0.0.1:{@code port} in front of the nodes' ports (node1, node2, ...). */
  static LoadBalancer start(Path work, int port, List<Integer> nodes)
      throws IOException, InterruptedException {
    StringBuilder cfg =
        new StringBuilder(
            String.join(
                "\n",
                "global",
                "    maxconn 4096",
                "defaults",
                "    mode http",
                "    timeout connect 2s",
                "    timeout client 60s",
                "    timeout server 60s",
                "    timeout tunnel 1h",
                "    retries 2",
                "    option redispatch",
                "    retry-on conn-failure empty-response",
                "frontend paydesk",
                "    bind 127.0.0.1:" + port,
                "    default_backend nodes",
                "backend nodes",
                "    balance roundrobin",
                "    cookie " + NODE_COOKIE + " insert indirect nocache httponly",
                "    option httpchk GET /health/ready",
                "    http-check expect status 200",
                "    default-server inter 1s fall 2 rise 2",
                ""));
    for (int i = 0; i < nodes.size(); i++) {
      cfg.append(
          String.format(
              "    server node%d 127.0.0.1:%d check cookie node%d%n", i + 1, nodes.get(i), i + 1));
    }
    Path file = work.resolve("haproxy.cfg");
    Files.writeString(file, cfg, StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(HAPROXY, "-db", "-f", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("haproxy.log").toFile())
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("HAProxy exited; see " + work.resolve("haproxy.log"));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return new LoadBalancer(port, process);
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("HAProxy did not listen on " + port);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
