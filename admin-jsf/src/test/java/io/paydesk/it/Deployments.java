package io.paydesk.it;

import io.paydesk.it.probe.FailingTransaction;
import io.paydesk.it.probe.ProbeResource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
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
    return paydesk(database, java.util.Map.of());
  }

  /** The application with some settings of its test configuration replaced. */
  public static WebArchive paydesk(Database database, java.util.Map<String, String> overrides) {
    File war = new File(System.getProperty("paydesk.it.war", "target/paydesk.war"));
    WebArchive archive =
        ShrinkWrap.create(ZipImporter.class, "paydesk.war").importFrom(war).as(WebArchive.class);
    archive.addClasses(ProbeResource.class, FailingTransaction.class);
    archive.addAsResource(
        new StringAsset(config(database, overrides)), "META-INF/microprofile-config.properties");
    return archive;
  }

  /** The first administrator's password in the test deployments. */
  public static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();

  /**
   * The test deployments' first API client's key (every scope), configured like the first
   * administrator: {@code pdk.<16 hex>.<43 base64url>}.
   */
  public static final String API_KEY = TestApiKey.VALUE;

  /** Where Payara Micro serves PayDesk in the integration tests: a port Maven reserved. */
  public static URL url() {
    try {
      return URI.create(
              "http://127.0.0.1:" + System.getProperty("paydesk.it.http-port") + "/paydesk/")
          .toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String config(Database database, java.util.Map<String, String> overrides) {
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
    config.setProperty("paydesk.wechat.notify-url.pay", url() + "api/wechat/notify/pay");
    config.setProperty("paydesk.wechat.notify-url.refund", url() + "api/wechat/notify/refund");
    config.setProperty("paydesk.wechat.close-min-age", "PT1S");
    // the mini-program's server API (shipping information) is the sandbox too
    config.setProperty("paydesk.wechat.mini-program.base-url", sandbox.baseUrl().toString());
    config.setProperty(
        "paydesk.wechat.mini-program.secret-file", TestSandbox.miniProgramSecretFile().toString());
    config.setProperty("paydesk.shipping-info.interval", "PT1S");
    config.setProperty("paydesk.shipping-info.backoff", "PT2S,PT3S");
    config.setProperty("paydesk.wechat.read-timeout", "PT3S");
    // the janitor runs every 2 s; an open attempt is asked about 3 s after it opens, then hourly
    config.setProperty("paydesk.janitor.interval", "PT2S");
    config.setProperty("paydesk.janitor.backoff", "PT3S,PT1H");
    config.setProperty("paydesk.admin.initial-password", ADMIN_PASSWORD);
    config.setProperty("paydesk.api.initial-key", API_KEY);
    // refunds below 100 yuan are approved automatically in these tests; from 1,000 yuan two
    // approvers are needed
    config.setProperty("paydesk.refund.auto-approve-below", "10000");
    config.setProperty("paydesk.refund.four-eyes-from", "100000");
    config.setProperty("paydesk.refund.janitor.interval", "PT2S");
    // a refund still processing after 3 s is asked about
    config.setProperty("paydesk.refund.query-after", "PT3S");
    // the daily reconciliation stays off unless a test switches it on
    config.setProperty("paydesk.reconciliation.daily-at", "off");
    if (database == Database.POSTGRES) {
      config.setProperty("paydesk.db.class", "org.postgresql.ds.PGSimpleDataSource");
      config.setProperty("paydesk.db.url", TestPostgres.get().jdbcUrl());
      config.setProperty("paydesk.db.user", "postgres");
      config.setProperty("paydesk.db.password", "unused-with-trust-auth");
    } else {
      config.setProperty("paydesk.db.password", "test-" + UUID.randomUUID());
    }
    overrides.forEach(config::setProperty);
    StringBuilder text = new StringBuilder();
    config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }
}
