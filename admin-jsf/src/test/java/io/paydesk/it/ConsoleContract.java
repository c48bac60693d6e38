package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;

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
 * POSTs, the staff API), users, the audit trail, the dashboard, CSRF and expired sessions.
 * Screenshots of the main pages go to target/screenshots.
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
