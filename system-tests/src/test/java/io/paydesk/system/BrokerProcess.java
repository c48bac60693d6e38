package io.paydesk.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * An ActiveMQ Artemis broker in a process of its own, so that a test can kill it (SIGKILL) as a
 * crash of the broker's machine would, and start it again on the same journal. Configured as the
 * test broker and ./paydesk run's broker.xml: persistent NIO journal (each transactional commit and
 * durable send synced before it is acknowledged), a login, and the commands queue's redelivery and
 * dead-letter policy.
 */
final class BrokerProcess implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final String password;
  private Process process;

  BrokerProcess(Path dir, int port, String password) {
    this.dir = dir;
    this.port = port;
    this.password = password;
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Starts the broker and waits until it accepts connections. */
  void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BrokerProcess.class.getName(),
                    dir.toString(),
                    Integer.toString(port),
                    password))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
            .start();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the broker exited; see " + dir.resolve("broker.log"));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the broker did not start; see " + dir.resolve("broker.log"));
  }

  /** Kills the broker at once (SIGKILL). */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  /** The broker process: {@code <dir> <port> <password>}; runs until killed. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    String password = args[2];
    Configuration config =
        new ConfigurationImpl()
            .setName("paydesk-crash-test")
            .setPersistenceEnabled(true)
            .setJournalType(JournalType.NIO)
            .setJournalDirectory(dir.resolve("journal").toString())
            .setBindingsDirectory(dir.resolve("bindings").toString())
            .setLargeMessagesDirectory(dir.resolve("large").toString())
            .setPagingDirectory(dir.resolve("paging").toString())
            .setSecurityEnabled(true)
            .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
    String commands = "paydesk.erp.commands";
    String deadLetters = "paydesk.erp.commands.dlq";
    config.addAddressSetting(
        commands,
        new AddressSettings()
            .setDeadLetterAddress(SimpleString.of(deadLetters))
            .setMaxDeliveryAttempts(4)
            .setRedeliveryDelay(200)
            .setRedeliveryMultiplier(2)
            .setMaxRedeliveryDelay(2000));
    config.addQueueConfiguration(
        QueueConfiguration.of(deadLetters)
            .setAddress(deadLetters)
            .setRoutingType(RoutingType.ANYCAST));
    EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    server.setConfiguration(config);
    server.setSecurityManager(
        new ActiveMQSecurityManager() {
          @Override
          public boolean validateUser(String user, String given) {
            return io.paydesk.it.TestBroker.USER.equals(user) && password.equals(given);
          }

          @Override
          public boolean validateUserAndRole(
              String user, String given, Set<Role> roles, CheckType checkType) {
            return validateUser(user, given);
          }
        });
    server.start();
    System.out.println("broker started port=" + port);
    Thread.currentThread().join();
  }
}
