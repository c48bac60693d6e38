package io.paydesk.erp.notices.control;

import io.paydesk.erp.notices.entity.Topic;
import io.paydesk.platform.job.boundary.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The staff notices' configuration, read from MicroProfile Config at each use (so that a change of
 * environment needs no code path of its own). The WeCom webhook URL and the Feieyun UKEY are
 * secrets: they come from configuration (an environment variable, a password alias) and are never
 * logged or shown; {@link #toString()} names them only as set or not.
 *
 * @param webhook the WeCom group robot's webhook ({@code paydesk.alerts.wecom.webhook}, with its
 *     {@code key=}); empty: no alerts
 * @param events the alert topics switched on ({@code paydesk.alerts.wecom.events})
 * @param locale the language of the alerts and tickets ({@code paydesk.alerts.locale}, zh-CN)
 * @param printer the Feieyun printer, when printing is on
 * @param trustCa a PEM file of extra TLS anchors for both channels ({@code
 *     paydesk.notices.trust-ca}); empty: the JDK's
 * @param backoff when a notice that was not taken is tried again ({@code paydesk.notices.backoff})
 * @param interval how often the relay looks for due notices ({@code paydesk.notices.interval})
 * @param timeout connect and answer timeout of one call ({@code paydesk.notices.timeout})
 */
public record NoticeSettings(
    Optional<URI> webhook,
    Set<Topic> events,
    Locale locale,
    Optional<Printer> printer,
    Optional<String> trustCa,
    Backoff backoff,
    Duration interval,
    Duration timeout) {

  /** Every alert topic: the default of {@code paydesk.alerts.wecom.events}. */
  public static final String ALL_EVENTS =
      "order-paid,refund-pending,refund-failed,reconciliation-discrepancy";

  /**
   * A Feieyun cloud printer ({@code paydesk.printing.feieyun.*}).
   *
   * @param url the API ({@code https://api.feieyun.cn/Api/Open/})
   * @param user the Feieyun account
   * @param ukey the account's UKEY (secret)
   * @param sn the printer's serial number
   * @param copies how many copies of each ticket (1–9)
   */
  public record Printer(URI url, String user, String ukey, String sn, int copies) {

    @Override
    public String toString() {
      return "Printer[url=" + url + ", user=" + user + ", sn=" + sn + ", copies=" + copies + "]";
    }
  }

  public static NoticeSettings read() {
    return read(ConfigProvider.getConfig());
  }

  static NoticeSettings read(Config config) {
    Optional<URI> webhook =
        text(config, "paydesk.alerts.wecom.webhook").map(URI::create).filter(NoticeSettings::web);
    Set<Topic> events = EnumSet.noneOf(Topic.class);
    Arrays.stream(text(config, "paydesk.alerts.wecom.events").orElse(ALL_EVENTS).split(","))
        .filter(name -> !name.isBlank())
        .map(
            name ->
                Topic.alert(name)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "paydesk.alerts.wecom.events: unknown event "
                                    + name.strip()
                                    + " (known: "
                                    + ALL_EVENTS
                                    + ")")))
        .forEach(events::add);
    Locale locale = Locale.forLanguageTag(text(config, "paydesk.alerts.locale").orElse("zh-CN"));
    Optional<Printer> printer = Optional.empty();
    if (text(config, "paydesk.printing.feieyun.enabled").map(Boolean::parseBoolean).orElse(false)) {
      printer =
          Optional.of(
              new Printer(
                  URI.create(
                      text(config, "paydesk.printing.feieyun.url")
                          .orElse("https://api.feieyun.cn/Api/Open/")),
                  required(config, "paydesk.printing.feieyun.user"),
                  required(config, "paydesk.printing.feieyun.ukey"),
                  required(config, "paydesk.printing.feieyun.sn"),
                  Math.max(
                      1,
                      Math.min(
                          9,
                          text(config, "paydesk.printing.feieyun.copies")
                              .map(Integer::parseInt)
                              .orElse(1)))));
    }
    return new NoticeSettings(
        webhook,
        Set.copyOf(events),
        locale,
        printer,
        text(config, "paydesk.notices.trust-ca"),
        Backoff.parse(
            text(config, "paydesk.notices.backoff").orElse("PT10S,PT30S,PT2M,PT10M,PT30M")),
        Duration.parse(text(config, "paydesk.notices.interval").orElse("PT2S")),
        Duration.parse(text(config, "paydesk.notices.timeout").orElse("PT5S")));
  }

  /** Whether alerts of this topic go out (a webhook is set and the topic is switched on). */
  public boolean alerts(Topic topic) {
    return webhook.isPresent() && events.contains(topic);
  }

  @Override
  public String toString() {
    return "NoticeSettings[webhook="
        + (webhook.isPresent() ? "set" : "none")
        + ", events="
        + events.stream().map(Topic::configName).sorted().collect(Collectors.joining(","))
        + ", locale="
        + locale.toLanguageTag()
        + ", printer="
        + printer.map(Printer::toString).orElse("off")
        + "]";
  }

  private static boolean web(URI uri) {
    return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
  }

  private static Optional<String> text(Config config, String key) {
    return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static String required(Config config, String key) {
    return text(config, key)
        .orElseThrow(() -> new IllegalStateException("printing is on: set " + key));
  }
}
