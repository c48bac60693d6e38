package io.paydesk.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
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
 * A real ActiveMQ Artemis broker inside the test JVM, with a persistent journal, so that tests can
 * stop it (an outage) and start it again with its messages intact.
 */
public final class TestBroker {

  public static final String USER = "paydesk";

  /**
   * The build's test password when Maven gives one (Payara Micro gets the same as a system
   * property), otherwise a random one (the system tests pass theirs to PayDesk themselves).
   */
  public static final String PASSWORD =
      System.getProperty("paydesk.it.jms-password", "test-" + UUID.randomUUID());

  private static TestBroker instance;

  private final int port;
  private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
  private boolean running;

  private TestBroker(int port, Path dir) throws Exception {
    this.port = port;
    Configuration config =
        new ConfigurationImpl()
            .setName("paydesk-test")
            .setPersistenceEnabled(true)
            .setJournalType(JournalType.NIO)
            .setJournalDirectory(dir.resolve("journal").toString())
            .setBindingsDirectory(dir.resolve("bindings").toString())
            .setLargeMessagesDirectory(dir.resolve("large").toString())
            .setPagingDirectory(dir.resolve("paging").toString())
            .setSecurityEnabled(true)
            .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
    commandsPolicy(config);
    server.setConfiguration(config);
    // like ./paydesk run's broker, this one requires a login
    server.setSecurityManager(
        new ActiveMQSecurityManager() {
          @Override
          public boolean validateUser(String user, String password) {
            return USER.equals(user) && PASSWORD.equals(password);
          }

          @Override
          public boolean validateUserAndRole(
              String user, String password, Set<Role> roles, CheckType checkType) {
            return validateUser(user, password);
          }
        });
  }

  public static final String COMMANDS = "paydesk.erp.commands";
  public static final String COMMANDS_DLQ = "paydesk.erp.commands.dlq";
  public static final String REPLIES = "paydesk.erp.replies";

  /** How many times the test broker delivers a command before dead-lettering it. */
  public static final int MAX_DELIVERY_ATTEMPTS = 4;

  /**
   * The commands queue's redelivery policy, as ./paydesk run's broker.xml has it (with shorter
   * delays): growing delays between attempts, then the dead-letter queue.
   */
  static void commandsPolicy(Configuration config) {
    config.addAddressSetting(
        COMMANDS,
        new AddressSettings()
            .setDeadLetterAddress(SimpleString.of(COMMANDS_DLQ))
            .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
            .setRedeliveryDelay(200)
            .setRedeliveryMultiplier(2)
            .setMaxRedeliveryDelay(2000));
    config.addQueueConfiguration(
        QueueConfiguration.of(COMMANDS_DLQ)
            .setAddress(COMMANDS_DLQ)
            .setRoutingType(RoutingType.ANYCAST));
  }

  /** The one broker of this test JVM, started on first use. */
  public static synchronized TestBroker get() {
    if (instance == null) {
      try {
        String reserved = System.getProperty("paydesk.it.jms-port");
        int port = reserved != null ? Integer.parseInt(reserved) : freePort();
        instance = new TestBroker(port, Files.createTempDirectory("paydesk-broker"));
        instance.start();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the test broker", e);
      }
    }
    return instance;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public synchronized void start() throws Exception {
    if (!running) {
      server.start();
      running = true;
    }
  }

  public synchronized void stop() throws Exception {
    if (running) {
      server.stop();
      running = false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
