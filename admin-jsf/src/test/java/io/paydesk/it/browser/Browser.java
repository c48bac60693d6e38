package io.paydesk.it.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driving PayDesk's console, for browser tests (the admin-jsf ITs, and
 * system-tests through admin-jsf's test-jar). Debian's {@code chromium} and {@code chromedriver}
 * are used by explicit path ({@code -Dpaydesk.it.chromium}, {@code -Dpaydesk.it.chromedriver};
 * default {@code /usr/bin/...}), so Selenium Manager never runs; {@code ./paydesk test} installs
 * them. Each browser has a fresh profile, deleted on {@link #close()}, and asks for one language
 * (Accept-Language and UI language): English unless the test chooses another ({@link #desktop(URL,
 * Locale)}). The browser's console is read as the test goes: a Content-Security-Policy violation on
 * any page fails the test when the browser closes ({@link #cspViolations()}).
 *
 * <pre>{@code
 * try (Browser browser = Browser.desktop(url)) {          // or Browser.phone(url): 390 x 844
 *   browser.loginAs("admin", Deployments.ADMIN_PASSWORD); // lands on the dashboard
 *   browser.open("admin/orders/index.xhtml");
 *   browser.click(By.id("..."));
 *   browser.waitForText(By.id("..."), "PAID");
 *   browser.screenshot("orders");                          // target/screenshots/orders.png
 *   browser.logout();
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {

  /** How long a wait may last before the test fails (an upper bound, not a timing check). */
  public static final Duration WAIT = Duration.ofSeconds(30);

  /** Where screenshots go. */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static final String CHROMIUM =
      System.getProperty("paydesk.it.chromium", "/usr/bin/chromium");
  private static final String CHROMEDRIVER =
      System.getProperty("paydesk.it.chromedriver", "/usr/bin/chromedriver");

  private final URL app;
  private final Path profile;
  private final ChromeDriver driver;
  private final Locale language;
  private final List<String> violations = new ArrayList<>();

  private Browser(URL app, int width, int height, Locale language) {
    this.app = app;
    this.language = language;
    try {
      this.profile = Files.createTempDirectory("paydesk-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height,
        "--lang=" + language.toLanguageTag());
    options.setExperimentalOption(
        "prefs", Map.of("intl.accept_languages", language.toLanguageTag()));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** A desktop-sized browser (1280 x 900) in English. */
  public static Browser desktop(URL app) {
    return desktop(app, Locale.ENGLISH);
  }

  /** A desktop-sized browser whose language is {@code language} (zh-CN: the console's default). */
  public static Browser desktop(URL app, Locale language) {
    return new Browser(app, 1280, 900, language);
  }

  /** A phone-sized browser in English: 390 x 844 CSS pixels, an iPhone 12-14's viewport. */
  public static Browser phone(URL app) {
    return phone(app, Locale.ENGLISH);
  }

  /** A phone-sized browser whose language is {@code language}. */
  public static Browser phone(URL app, Locale language) {
    return new Browser(app, 390, 844, language);
  }

  /** The language this browser asks for. */
  public Locale language() {
    return language;
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens a path of the application ("admin/users/index.xhtml"). */
  public Browser open(String path) {
    driver.get(app.toString() + path);
    return this;
  }

  /** Logs in through the login page and waits for the console (the logged-in user's name). */
  public Browser loginAs(String username, String password) {
    submitLogin(username, password);
    waitForText(By.id("current-user"), username);
    return this;
  }

  /** Fills and submits the login form without expecting success. */
  public Browser submitLogin(String username, String password) {
    open("admin/login.xhtml");
    WebElement user = waitFor(By.id("username"));
    user.clear();
    user.sendKeys(username);
    WebElement secret = driver.findElement(By.id("password"));
    secret.clear();
    secret.sendKeys(password);
    driver.findElement(By.id("submit")).click();
    new WebDriverWait(driver, WAIT)
        .until(
            d ->
                d.findElements(By.id("current-user")).size()
                        + d.findElements(By.cssSelector(".ui-messages-error, .ui-message-error"))
                            .size()
                    > 0);
    return this;
  }

  /** Logs out with the header's button and waits for the login page. */
  public Browser logout() {
    click(By.id("logout-form:logout"));
    waitFor(By.id("logged-out"));
    return this;
  }

  public WebElement waitFor(By locator) {
    return waitUntil(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  public Browser waitForText(By locator, String text) {
    waitUntil(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    return this;
  }

  /**
   * Waits until the condition holds (at most {@link #WAIT}) and returns its value. When it never
   * does, the page is kept for the post-mortem: {@code target/screenshots/failed-<time>.png} and
   * {@code .html}.
   */
  public <T> T waitUntil(Function<? super WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, WAIT).until(condition);
    } catch (TimeoutException e) {
      String name = "failed-" + System.currentTimeMillis();
      try {
        Files.createDirectories(SCREENSHOTS);
        Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
        screenshot(name);
      } catch (IOException | RuntimeException ignored) {
        // the timeout is the failure to report
      }
      throw new TimeoutException(e.getMessage() + " (page kept as " + name + ")", e);
    }
  }

  public Browser click(By locator) {
    waitUntil(ExpectedConditions.elementToBeClickable(locator)).click();
    return this;
  }

  public Browser type(By locator, String text) {
    WebElement field = waitFor(locator);
    field.clear();
    field.sendKeys(text);
    return this;
  }

  public String text(By locator) {
    return waitFor(locator).getText();
  }

  public List<WebElement> all(By locator) {
    return driver.findElements(locator);
  }

  public String pageSource() {
    return driver.getPageSource();
  }

  public String currentUrl() {
    return driver.getCurrentUrl();
  }

  /** The console session's cookie, to send requests as this browser's user from a test. */
  public String sessionCookie() {
    Cookie cookie = driver.manage().getCookieNamed("JSESSIONID");
    return cookie == null ? null : cookie.getName() + "=" + cookie.getValue();
  }

  /**
   * The page as PNG in {@code target/screenshots/<name>.png} (the whole page's height); a browser
   * in another language than Chinese, the console's default, writes {@code <name>-<language>.png}
   * (the README shows the Chinese console).
   */
  public Path screenshot(String name) {
    if (!language.getLanguage().equals("zh")) {
      name = name + "-" + language.toLanguageTag();
    }
    try {
      Files.createDirectories(SCREENSHOTS);
      Dimension window = driver.manage().window().getSize();
      Number height =
          (Number)
              driver.executeScript(
                  "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
      if (height != null && height.intValue() > window.getHeight()) {
        driver.manage().window().setSize(new Dimension(window.getWidth(), height.intValue() + 40));
      }
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      driver.manage().window().setSize(window);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the browser's console said about the Content-Security-Policy so far: every script, style
   * or frame a page's policy refused. The console pages must work without any.
   */
  public List<String> cspViolations() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      String message = entry.getMessage();
      if (message.contains("Content Security Policy")
          || message.contains("Content-Security-Policy")) {
        violations.add(message);
      }
    }
    return List.copyOf(violations);
  }

  /** Closes the browser; fails when any page broke its Content-Security-Policy. */
  @Override
  public void close() {
    List<String> refused;
    try {
      refused = cspViolations();
    } catch (RuntimeException gone) {
      refused = List.copyOf(violations); // the browser already died: the test reports why
    }
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        // a leftover temporary profile is harmless
      }
    }
    if (!refused.isEmpty()) {
      throw new AssertionError("the browser refused by Content-Security-Policy: " + refused);
    }
  }
}
