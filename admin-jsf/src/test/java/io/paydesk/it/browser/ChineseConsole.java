package io.paydesk.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Checks that a console page is shown in Chinese: the page's own Chinese label is there, no key is
 * missing from the bundle (Faces shows {@code ???key???}), and no English text of the console's
 * bundles is left (every English text of more than one word that the Chinese bundle words
 * differently).
 */
public final class ChineseConsole {

  /** The console's default language. */
  public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

  private static final List<String> ENGLISH = englishSentences();

  private ChineseConsole() {}

  /** Asserts the page in {@code browser} is Chinese and shows {@code label}. */
  public static void assertChinese(Browser browser, String label) {
    String text =
        browser.driver().getTitle()
            + "\n"
            + browser.driver().findElement(By.tagName("body")).getText();
    String page = browser.currentUrl();
    assertThat(browser.pageSource()).as(page).doesNotContain("???");
    assertThat(text).as(page).contains(label);
    assertThat(ENGLISH).as("English left on " + page).filteredOn(text::contains).isEmpty();
    Object lang =
        ((JavascriptExecutor) browser.driver())
            .executeScript("return document.documentElement.lang");
    assertThat(lang).as(page).isEqualTo("zh-CN");
  }

  private static List<String> englishSentences() {
    List<String> sentences = new ArrayList<>();
    for (String bundle : List.of("io/paydesk/admin/messages", "ValidationMessages")) {
      Properties english = load(bundle + ".properties");
      Properties chinese = load(bundle + "_zh_CN.properties");
      for (String key : english.stringPropertyNames()) {
        String text = english.getProperty(key).strip();
        if (!text.contains("{")
            && text.contains(" ")
            && text.length() >= 8
            && !text.equals(chinese.getProperty(key))) {
          sentences.add(text);
        }
      }
    }
    assertThat(sentences).hasSizeGreaterThan(100);
    return sentences;
  }

  private static Properties load(String resource) {
    try (InputStream in = ChineseConsole.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
