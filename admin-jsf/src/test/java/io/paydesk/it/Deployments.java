package io.paydesk.it;

import io.paydesk.it.probe.FailingTransaction;
import io.paydesk.it.probe.LateConfigSource;
import io.paydesk.it.probe.ProbeResource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The application under test: the WAR the build just made (the one ./paydesk run deploys), the test
 * probe, and configuration that points it at the test broker and the chosen database.
 */
public final class Deployments {

  private Deployments() {}

  public enum Database {
    H2,
    POSTGRES
  }

  public static WebArchive paydesk(Database database) {
    File war = new File(System.getProperty("paydesk.it.war", "target/paydesk.war"));
    WebArchive archive =
        ShrinkWrap.create(ZipImporter.class, "paydesk.war").importFrom(war).as(WebArchive.class);
    archive.addClasses(ProbeResource.class, FailingTransaction.class, LateConfigSource.class);
    archive.addAsResource(new StringAsset(LATE_CONFIG.toString()), "paydesk-it-late-config.path");
    archive.addAsResource(
        new StringAsset(LateConfigSource.class.getName()),
        "META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource");
    archive.addAsResource(
        new StringAsset(config(database)), "META-INF/microprofile-config.properties");
    return archive;
  }

  /** Written by {@link #tellNotifyUrls} once Arquillian knows where the application listens. */
  static final Path LATE_CONFIG = tempFile();

  /**
   * Points WeChat's notifications at the deployed application. PayDesk reads its merchant
   * configuration on first use, so this works as long as no payment was asked for before.
   */
  public static void tellNotifyUrls(URL deployment) {
    String base = deployment.toString().endsWith("/") ? deployment.toString() : deployment + "/";
    String text =
        "paydesk.wechat.notify-url.pay="
            + base
            + "api/wechat/notify/pay\n"
            + "paydesk.wechat.notify-url.refund="
            + base
            + "api/wechat/notify/refund\n";
    try {
      Files.writeString(LATE_CONFIG, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempFile() {
    try {
      return Files.createTempFile("paydesk-it-late", ".properties");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String config(Database database) {
    Properties config = new Properties();
    config.setProperty("config_ordinal", "500");
    try {
      config.setProperty(
          "paydesk.data-dir", Files.createTempDirectory("paydesk-it").toAbsolutePath().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config.setProperty("paydesk.jms.port", Integer.toString(TestBroker.get().port()));
    config.setProperty("paydesk.jms.user", TestBroker.USER);
    config.setProperty("paydesk.jms.password", TestBroker.PASSWORD);
    var sandbox = TestSandbox.get();
    config.setProperty("paydesk.wechat.base-url", sandbox.baseUrl().toString());
    config.setProperty("paydesk.wechat.trust-ca", sandbox.caCertificatePem().toString());
    config.setProperty(
        "paydesk.wechat.cert-path", sandbox.clientCertificate(TestSandbox.MCH_ID).toString());
    config.setProperty("paydesk.wechat.appid", TestSandbox.APP_ID);
    config.setProperty("paydesk.wechat.mch-id", TestSandbox.MCH_ID);
    config.setProperty("paydesk.wechat.api-key", TestSandbox.API_KEY);
    config.setProperty("paydesk.wechat.close-min-age", "PT1S");
    // the janitor runs every 2 s; an open attempt is asked about 3 s after it opens, then hourly
    config.setProperty("paydesk.janitor.interval", "PT2S");
    config.setProperty("paydesk.janitor.backoff", "PT3S,PT1H");
    if (database == Database.POSTGRES) {
      config.setProperty("paydesk.db.class", "org.postgresql.ds.PGSimpleDataSource");
      config.setProperty("paydesk.db.url", TestPostgres.get().jdbcUrl());
      config.setProperty("paydesk.db.user", "postgres");
      config.setProperty("paydesk.db.password", "unused-with-trust-auth");
    } else {
      config.setProperty("paydesk.db.password", "test-" + UUID.randomUUID());
    }
    StringBuilder text = new StringBuilder();
    config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }
}
