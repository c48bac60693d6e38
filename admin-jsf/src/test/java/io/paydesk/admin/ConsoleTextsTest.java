package io.paydesk.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.platform.audit.entity.AuditOutcome;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.staff.entity.Role;
import io.paydesk.reconciliation.entity.DayStatus;
import io.paydesk.reconciliation.entity.DiscrepancyType;
import io.paydesk.refund.entity.RefundStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's texts: both languages have the same keys, every key a page or a bean uses exists,
 * every status, type, role and error code has a name, the Chinese is Chinese and read as UTF-8.
 */
class ConsoleTextsTest {

  static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
  static final Pattern CJK = Pattern.compile("[\\u3000-\\u9fff\\uff00-\\uffef]");

  /** Keys whose Chinese text is the same as the English on purpose (a term used as is). */
  static final Set<String> SAME_IN_BOTH = Set.of("order.items.sku");

  @ParameterizedTest
  @ValueSource(strings = {"io/paydesk/admin/messages", "ValidationMessages"})
  void bothLanguagesHaveTheSameKeysAndTheChineseIsChinese(String bundle) {
    Properties english = load(bundle + ".properties");
    Properties chinese = load(bundle + "_zh_CN.properties");
    assertThat(chinese.stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    assertThat(load(bundle + "_en.properties")).as("English is the base bundle").isEmpty();
    for (String key : chinese.stringPropertyNames()) {
      if (!SAME_IN_BOTH.contains(key)) {
        assertThat(CJK.matcher(chinese.getProperty(key)).find())
            .as("%s is Chinese: %s", key, chinese.getProperty(key))
            .isTrue();
      }
    }
  }

  @Test
  void resourceBundleReadsTheFilesAsUtf8AndEnglishNeverFallsBackToChinese() {
    Locale before = Locale.getDefault();
    try {
      // even where the JVM's own language is Chinese, a request for English gets English
      Locale.setDefault(CHINESE);
      ResourceBundle.clearCache();
      assertThat(ResourceBundle.getBundle(Texts.BUNDLE, Locale.ENGLISH).getString("orders.title"))
          .isEqualTo("Orders");
      Locale.setDefault(Locale.US);
      ResourceBundle.clearCache();
      assertThat(ResourceBundle.getBundle(Texts.BUNDLE, CHINESE).getString("orders.title"))
          .isEqualTo("订单");
      assertThat(Texts.in(CHINESE, "RefundStatus.PENDING_APPROVAL")).isEqualTo("待审核");
      assertThat(Texts.in(CHINESE, "approval.rejected", "R1")).isEqualTo("退款 R1 已驳回。");
      assertThat(Texts.in(Locale.ENGLISH, "approval.rejected", "R1"))
          .isEqualTo("Refund R1 rejected.");
      assertThat(
              ResourceBundle.getBundle("ValidationMessages", CHINESE)
                  .getString("paydesk.login.password.required"))
          .isEqualTo("请输入密码。");
    } finally {
      Locale.setDefault(before);
      ResourceBundle.clearCache();
    }
  }

  @Test
  void everyStatusTypeRoleOutcomeAndErrorCodeHasANameInBothLanguages() {
    Stream<Enum<?>> shown =
        Stream.of(
                OrderStatus.values(),
                AttemptStatus.values(),
                RefundStatus.values(),
                DayStatus.values(),
                DiscrepancyType.values(),
                Role.values(),
                AuditOutcome.values(),
                io.paydesk.erp.notices.entity.NoticeStatus.values())
            .flatMap(Stream::of);
    Properties english = load("io/paydesk/admin/messages.properties");
    Properties chinese = load("io/paydesk/admin/messages_zh_CN.properties");
    shown.forEach(
        value -> {
          assertThat(english).containsKey(Labels.key(value));
          assertThat(chinese).containsKey(Labels.key(value));
        });
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(chinese).containsKey("error." + code.name());
      assertThat(english).containsKey("error." + code.name());
    }
  }

  @Test
  void everyKeyThePagesAndBeansUseExists() throws IOException {
    Properties english = load("io/paydesk/admin/messages.properties");
    Set<String> prefixes =
        english.stringPropertyNames().stream()
            .map(k -> k.substring(0, k.indexOf('.') + 1))
            .collect(Collectors.toSet());
    Set<String> used = new TreeSet<>();
    scan(Path.of("src/main/webapp"), ".xhtml", Pattern.compile("msg\\['([^']+)'\\]"), used);
    scan(
        Path.of("src/main/java/io/paydesk/admin"),
        ".java",
        Pattern.compile("\"([a-zA-Z]+\\.[A-Za-z.]*[A-Za-z])\""),
        used);
    used.removeIf(key -> prefixes.stream().noneMatch(key::startsWith));
    assertThat(used).hasSizeGreaterThan(150);
    assertThat(english.stringPropertyNames()).containsAll(used);
  }

  @Test
  void noPageHasTextForPeopleOutsideTheBundle() throws IOException {
    // words between tags, in value/label/title/placeholder attributes: only EL, symbols, names
    Pattern words =
        Pattern.compile(
            ">\\s*([A-Za-z][A-Za-z ,.'’:;()-]{3,})\\s*<"
                + "|(?:value|itemLabel|title|placeholder|emptyMessage|headerText|requiredMessage"
                + "|validatorMessage|converterMessage|aria-label)=\"([A-Za-z][^\"#]*)\"");
    Set<String> allowed = Set.of("PayDesk", "English", "out_trade_no", "out_refund_no", "openid");
    Set<String> found = new TreeSet<>();
    try (Stream<Path> pages = Files.walk(Path.of("src/main/webapp"))) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
        String xhtml = Files.readString(page).replaceAll("(?s)<!--.*?-->", "");
        Matcher m = words.matcher(xhtml);
        while (m.find()) {
          String text = (m.group(1) != null ? m.group(1) : m.group(2)).strip();
          if (!allowed.contains(text)
              && !text.startsWith("WeChat transaction_id")
              && !text.startsWith("WeChat refund_id")
              && !text.equals("event_id")) {
            found.add(page.getFileName() + ": " + text);
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"messages.properties", "messages_zh_CN.properties"})
  void everyPatternWithArgumentsParsesAndKeepsItsApostrophes(String file) {
    Properties texts = load("io/paydesk/admin/" + file);
    for (String key : texts.stringPropertyNames()) {
      String value = texts.getProperty(key);
      if (value.matches("(?s).*\\{\\d}.*")) {
        assertThat(value.replace("''", "")).as(key).doesNotContain("'");
        assertThat(new MessageFormat(value).format(new Object[] {"a", "b", "c"}))
            .as(key)
            .doesNotContain("{");
      }
    }
  }

  private static void scan(Path root, String suffix, Pattern key, Set<String> into)
      throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
        Matcher m = key.matcher(Files.readString(file));
        while (m.find()) {
          into.add(m.group(1));
        }
      }
    }
  }

  private static Properties load(String resource) {
    try (InputStream in = ConsoleTextsTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
