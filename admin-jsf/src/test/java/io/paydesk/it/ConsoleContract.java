package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.browser.Browser;
import io.paydesk.it.browser.StaffAccounts;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The staff console in a real headless Chromium: login and logout, refusals by role (pages, direct
 * POSTs, the staff API), users, the audit trail, the dashboard, CSRF and expired sessions; in
 * English (the browsers ask for it: the Chinese console is walked in OrderConsoleBrowserIT).
 * Screenshots of the main pages go to target/screenshots, named {@code <page>-en.png}.
 */
@RunAsClient
abstract class ConsoleContract {

  @ArquillianResource URL url;

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  @Test
  void staffLogInAndOutAndTheConsoleNeedsALogin() {
    try (Browser browser = Browser.desktop(url)) {
      browser.open("admin/");
      browser.waitFor(By.id("login"));
      assertThat(browser.currentUrl()).contains("/admin/login.xhtml");
      browser.screenshot("login");

      browser.loginAs("admin", Deployments.ADMIN_PASSWORD);
      assertThat(browser.currentUrl()).contains("/admin/");
      assertThat(browser.text(By.id("current-user"))).isEqualTo("admin");
      assertThat(browser.all(By.id("nav-users"))).hasSize(1);

      browser.logout();
      browser.open("admin/index.xhtml");
      browser.waitFor(By.id("login"));
      assertThat(browser.all(By.id("current-user"))).isEmpty();
    }
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
    String user = unique("sup.");
    StaffAccounts.ensure(url, user, "SUPPORT");
    try (Browser browser = Browser.desktop(url)) {
      browser.submitLogin(user, "not-the-password");
      String wrongPassword = browser.text(By.id("messages"));
      browser.submitLogin(unique("nobody."), "not-the-password");
      String unknownUser = browser.text(By.id("messages"));

      assertThat(wrongPassword).isEqualTo("Wrong user name or password.").isEqualTo(unknownUser);
      assertThat(browser.all(By.id("current-user"))).isEmpty();
      // the right password still works after a failure
      browser.loginAs(user, StaffAccounts.PASSWORD);
    }
  }

  @Test
  void supportIsRefusedAdminAndFinancePagesTheirPostsAndTheStaffApi() throws Exception {
    String user = unique("sup.");
    StaffAccounts.ensure(url, user, "SUPPORT");
    try (Browser browser = Browser.desktop(url)) {
      browser.loginAs(user, StaffAccounts.PASSWORD);
      assertThat(browser.all(By.id("nav-users"))).isEmpty();
      assertThat(browser.all(By.id("nav-refunds"))).isEmpty();

      browser.open("admin/users/index.xhtml");
      browser.waitFor(By.id("forbidden"));
      browser.open("admin/refunds/approval.xhtml");
      browser.waitFor(By.id("forbidden"));
      browser.open("admin/audit.xhtml");
      browser.waitFor(By.id("forbidden"));

      // a hand-made POST with the support user's own session is refused before any page runs
      String cookie = browser.sessionCookie();
      assertThat(postForm("admin/users/index.xhtml", cookie, "x=1")).isEqualTo(403);
      assertThat(postForm("admin/refunds/approval.xhtml", cookie, "x=1")).isEqualTo(403);
    }
    Http support = new Http(url).as(user, StaffAccounts.PASSWORD);
    String newUser =
        "{\"username\":\""
            + unique("x.")
            + "\",\"password\":\"a-long-passphrase\","
            + "\"roles\":[\"ADMIN\"]}";
    assertThat(support.postJson("api/staff/users", newUser).status()).isEqualTo(403);
    assertThat(support.postJson("api/staff/refunds/RF-NONE/approval", "{}").status())
        .isEqualTo(403);

    // every refusal is in the audit trail, with the URL that was refused
    try (Browser admin = Browser.desktop(url)) {
      admin.loginAs("admin", Deployments.ADMIN_PASSWORD);
      admin.open("admin/audit.xhtml");
      admin.type(By.id("audit:actor"), user);
      admin.type(By.id("audit:action"), "access.");
      admin.click(By.id("audit:search"));
      admin.waitForText(By.id("audit:entries"), "api/staff/refunds/RF-NONE/approval");
      assertThat(admin.text(By.id("audit:entries")))
          .contains("/admin/users/index.xhtml")
          .contains("/admin/refunds/approval.xhtml")
          .contains("/admin/audit.xhtml")
          .contains("api/staff/users")
          .contains("POST refused")
          .doesNotContain("login");
    }
  }

  @Test
  void anAdministratorCreatesAUserWhoLogsInAndTheAuditTrailShowsIt() {
    String user = unique("fin.");
    try (Browser admin = Browser.desktop(url)) {
      admin.loginAs("admin", Deployments.ADMIN_PASSWORD);
      admin.open("admin/users/index.xhtml");
      admin.type(By.id("create:username"), user);
      admin.type(By.id("create:password"), "short");
      admin.click(By.cssSelector("label[for='create:roles:1']")); // FINANCE
      admin.click(By.id("create:submit"));
      // the password is too short: nothing created, the rule is shown
      admin.waitForText(By.id("create"), "12 to 128 characters");
      assertThat(admin.pageSource()).doesNotContain(">" + user + "<");

      admin.type(By.id("create:username"), user);
      admin.type(By.id("create:password"), StaffAccounts.PASSWORD);
      admin.click(By.id("create:submit"));
      admin.waitForText(By.id("messages"), "Account " + user + " created.");
      assertThat(admin.text(By.id("accounts:users"))).contains(user).contains("FINANCE");

      // the same name again, through the staff API: refused, and audited as refused
      assertThat(
              new Http(url)
                  .as("admin", Deployments.ADMIN_PASSWORD)
                  .postJson(
                      "api/staff/users",
                      "{\"username\":\""
                          + user
                          + "\",\"password\":\"a-long-passphrase\",\"roles\":[\"SUPPORT\"]}")
                  .status())
          .isEqualTo(409);

      // nobody disables themselves
      disable(admin, "admin");
      admin.waitForText(By.id("messages"), "you cannot disable your own account");
      admin.screenshot("users");
    }

    try (Browser finance = Browser.phone(url)) {
      finance.loginAs(user, StaffAccounts.PASSWORD);
      assertThat(finance.all(By.id("nav-users"))).isEmpty();
      finance.screenshot("dashboard-phone");
      // at phone width the navigation folds behind the menu button
      assertThat(finance.driver().findElement(By.id("nav-refunds")).isDisplayed()).isFalse();
      finance.click(By.cssSelector("label.menu-button"));
      finance.waitFor(By.id("nav-refunds"));
      assertThat(finance.all(By.id("nav-reconciliation"))).hasSize(1);
      finance.logout();
      finance.submitLogin(user, "a-wrong-passphrase");
      finance.waitForText(By.id("messages"), "Wrong user name or password.");
    }

    try (Browser admin = Browser.desktop(url)) {
      admin.loginAs("admin", Deployments.ADMIN_PASSWORD);
      admin.open("admin/audit.xhtml");
      admin.type(By.id("audit:target"), user);
      admin.click(By.id("audit:search"));
      admin.waitForText(By.id("audit:entries"), "staff.create");
      String entries = admin.text(By.id("audit:entries"));
      assertThat(entries)
          .contains("staff.create")
          .contains("login")
          .contains("logout")
          .contains("REFUSED")
          .contains("form: wrong password")
          .contains("STAFF_USER_EXISTS")
          .contains("127.0.0.1");
      admin.screenshot("audit");

      // the new account is disabled: it can no longer log in, nor call the staff API with the
      // password the node remembers from a moment ago
      Http api = new Http(url).as(user, StaffAccounts.PASSWORD);
      assertThat(api.get("api/staff/orders").status()).isEqualTo(200);
      admin.open("admin/users/index.xhtml");
      disable(admin, user);
      admin.waitForText(By.id("messages"), "Account " + user + " disabled.");
      assertThat(api.get("api/staff/orders").status()).isEqualTo(401);
    }
    try (Browser finance = Browser.desktop(url)) {
      finance.submitLogin(user, StaffAccounts.PASSWORD);
      finance.waitForText(By.id("messages"), "Wrong user name or password.");
    }
  }

  private static void disable(Browser browser, String user) {
    browser.click(
        By.xpath(
            "//tr[.//span[@class='username' and text()='"
                + user
                + "']]//button[contains(@id,'disable')]"));
  }

  @Test
  void repeatedWrongPasswordsLockTheAccountUntilAnAdministratorResetsIt() {
    String user = unique("lock.");
    StaffAccounts.ensure(url, user, "SUPPORT");
    // a right password first: remembered by the node (no PBKDF2 on its next calls) ...
    assertThat(new Http(url).as(user, StaffAccounts.PASSWORD).get("api/staff/orders").status())
        .isEqualTo(200);
    Http wrong = new Http(url).as(user, "wrong-password-123");
    for (int i = 0; i < 5; i++) {
      assertThat(wrong.postJson("api/staff/users", "{}").status()).isEqualTo(401);
    }
    // ... and yet, locked: now even the right password is refused, with the same words
    assertThat(
            new Http(url)
                .as(user, StaffAccounts.PASSWORD)
                .postJson("api/staff/users", "{}")
                .status())
        .isEqualTo(401);
    try (Browser browser = Browser.desktop(url)) {
      browser.submitLogin(user, StaffAccounts.PASSWORD);
      browser.waitForText(By.id("messages"), "Wrong user name or password.");
    }

    String newPassword = "another-long-passphrase";
    try (Browser admin = Browser.desktop(url)) {
      admin.loginAs("admin", Deployments.ADMIN_PASSWORD);
      admin.open("admin/users/index.xhtml");
      assertThat(row(admin, user)).contains("locked for now");
      admin.click(
          By.xpath(
              "//tr[.//span[@class='username' and text()='"
                  + user
                  + "']]//button[contains(@id,'edit')]"));
      admin.waitForText(By.id("editing"), user);
      admin.type(By.id("edit:new-password"), newPassword);
      admin.click(By.id("edit:reset-password"));
      admin.waitForText(By.id("messages"), "Password of " + user + " reset.");

      admin.open("admin/audit.xhtml");
      admin.type(By.id("audit:target"), user);
      admin.click(By.id("audit:search"));
      assertThat(admin.text(By.id("audit:entries")))
          .contains("basic: wrong password; account now locked")
          .contains("form: account locked after repeated failures")
          .contains("staff.reset-password");
    }
    try (Browser browser = Browser.desktop(url)) {
      browser.loginAs(user, newPassword);
    }
    // the reset password is refused at once on the staff API too, the new one works
    assertThat(new Http(url).as(user, StaffAccounts.PASSWORD).get("api/staff/orders").status())
        .isEqualTo(401);
    assertThat(new Http(url).as(user, newPassword).get("api/staff/orders").status()).isEqualTo(200);
  }

  private static String row(Browser browser, String user) {
    return browser.text(By.xpath("//tr[.//span[@class='username' and text()='" + user + "']]"));
  }

  @Test
  void theDashboardCountsAPaidOrder() {
    try (Browser browser = Browser.desktop(url)) {
      browser.loginAs("admin", Deployments.ADMIN_PASSWORD);
      long count = Long.parseLong(browser.text(By.id("paid-today-count")));
      String amount = browser.text(By.id("paid-today-amount"));

      String orderNo = PlatformOnH2IT.newOrderNo();
      Http http = new Http(url);
      assertThat(http.postJson("api/orders", Http.order(orderNo, 1234)).status()).isEqualTo(201);
      var payment =
          http.postJson("api/orders/" + orderNo + "/payment", "{\"clientIp\":\"10.1.2.3\"}");
      assertThat(payment.status()).as(payment.body()).isEqualTo(200);
      String prepayId =
          payment.json().getJsonObject("requestPayment").getString("package").substring(10);
      TestSandbox.get().pay(prepayId);
      await()
          .atMost(Browser.WAIT)
          .until(() -> http.get("api/orders/" + orderNo).json().getString("status").equals("PAID"));

      browser.open("admin/index.xhtml");
      assertThat(Long.parseLong(browser.text(By.id("paid-today-count")))).isEqualTo(count + 1);
      assertThat(fen(browser.text(By.id("paid-today-amount")))).isEqualTo(fen(amount) + 1234);
      assertThat(browser.text(By.id("schema-version"))).matches("20\\d\\d\\.\\d\\d\\.\\d\\d\\..*");
      assertThat(browser.all(By.cssSelector("#chart rect"))).hasSize(30);
      browser.screenshot("dashboard");
    }
  }

  private static long fen(String yuan) {
    return new java.math.BigDecimal(yuan.replace(",", "")).movePointRight(2).longValueExact();
  }

  @Test
  void aPostWithoutTheViewStateOrAfterTheSessionEndedChangesNothing() throws Exception {
    String forged = unique("csrf.");
    String expired = unique("late.");
    try (Browser admin = Browser.desktop(url)) {
      admin.loginAs("admin", Deployments.ADMIN_PASSWORD);
      admin.open("admin/users/index.xhtml");
      String cookie = admin.sessionCookie();
      String form =
          "create=create&create%3Ausername="
              + forged
              + "&create%3Apassword=a-long-test-passphrase&create%3Aroles=ADMIN&create%3Asubmit=";
      // a cross-site form knows the session cookie's effect but not the view state
      postForm("admin/users/index.xhtml", cookie, form);
      postForm("admin/users/index.xhtml", cookie, form + "&jakarta.faces.ViewState=-1%3A-1");

      // the session ends while the page is open: the form post leads to the login page
      admin.type(By.id("create:username"), expired);
      admin.type(By.id("create:password"), StaffAccounts.PASSWORD);
      admin.click(By.cssSelector("label[for='create:roles:0']")); // SUPPORT
      var session = admin.driver().manage().getCookieNamed("JSESSIONID");
      admin.driver().manage().deleteCookie(session);
      admin
          .driver()
          .manage()
          .addCookie(
              new org.openqa.selenium.Cookie(
                  "JSESSIONID", "expired-session-id", session.getPath()));
      admin.click(By.id("create:submit"));
      admin.waitFor(By.id("session-expired"));
      assertThat(admin.currentUrl()).contains("/admin/login.xhtml");

      admin.loginAs("admin", Deployments.ADMIN_PASSWORD);
      admin.open("admin/users/index.xhtml");
      assertThat(admin.text(By.id("accounts:users")))
          .doesNotContain(forged)
          .doesNotContain(expired);
    }
    assertThat(
            new Http(url)
                .as(forged, StaffAccounts.PASSWORD)
                .postJson("api/staff/users", "{}")
                .status())
        .isEqualTo(401);
  }

  /** Status of a form POST sent with a session cookie, as a forged cross-site form would. */
  int postForm(String path, String cookie, String form) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", cookie)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .timeout(Duration.ofSeconds(30))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
