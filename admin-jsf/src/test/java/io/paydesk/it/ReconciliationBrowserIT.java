package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.it.browser.Browser;
import io.paydesk.it.browser.ChineseConsole;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.LocalDate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The reconciliation pages in a real headless Chromium: the days with their figures, a day with a
 * payment PayDesk never heard of and an amount mismatch, and FINANCE resolving one at phone width.
 * Screenshots {@code reconciliation.png} and {@code reconciliation-day.png} go to
 * target/screenshots (the README shows copies from docs/screenshots). A sandbox merchant of its own
 * keeps the bill to this test's trades.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReconciliationBrowserIT {

  static final String MCH_ID = TestSandbox.RECONCILIATION_BROWSER_MCH_ID;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(Deployments.Database.H2, ReconciliationContract.settings(MCH_ID));
  }

  @ArquillianResource URL url;

  final ReconciliationContract reconciliation =
      new ReconciliationContract() {
        @Override
        String mchId() {
          return MCH_ID;
        }
      };

  @AfterEach
  void switchesOff() {
    TestSandbox.get().bills().reset();
  }

  @Test
  void financeSeesTheDaysAndADayWithDiscrepanciesAndResolvesOneOnAPhone() {
    LocalDate day = ReconciliationContract.today();
    reconciliation.refunds.paidOrder(1250);
    String mismatched = reconciliation.refunds.paidOrder(800);
    String stranger = reconciliation.paidAtWeChatOnly(4200);
    String mismatchedOutTradeNo = reconciliation.attemptOf(mismatched);
    TestSandbox.get().bills().amount(mismatchedOutTradeNo, 880);
    String finance = reconciliation.newStaff("FINANCE");
    Http api = reconciliation.anonymous.as(finance, ReconciliationContract.PASSWORD);
    assertThat(api.post("api/reconciliation/" + day + "/runs").status()).isEqualTo(202);
    JsonObject report = reconciliation.awaitCompleted(api, day, 1);
    long strangerId =
        ReconciliationContract.items(report, "discrepancies").stream()
            .filter(i -> stranger.equals(i.getString("outTradeNo", "")))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();

    // in Chinese, the console's default (the phone below is English)
    try (Browser browser = Browser.desktop(url, ChineseConsole.CHINESE)) {
      browser.loginAs(finance, ReconciliationContract.PASSWORD);
      browser.click(By.id("nav-reconciliation"));
      browser.waitForText(By.id("days"), day.toString());
      assertThat(browser.text(By.id("days"))).contains("已完成", "¥20.50", "¥63.30");
      ChineseConsole.assertChinese(browser, "账单日期（北京时间）");
      browser.screenshot("reconciliation");

      browser.click(By.linkText(day.toString()));
      browser.waitForText(By.id("by-type"), "金额不一致");
      assertThat(browser.pageSource())
          .contains("金额不一致 (1)", "微信已支付，PayDesk 未支付 (1)", stranger, "¥8.80", "¥8.00");
      assertThat(browser.all(By.cssSelector("[data-discrepancy] button"))).isNotEmpty();
      ChineseConsole.assertChinese(browser, "按类型统计的差异");
      browser.screenshot("reconciliation-day");
    }

    try (Browser phone = Browser.phone(url)) {
      phone.loginAs(finance, ReconciliationContract.PASSWORD);
      phone.open("admin/reconciliation/day.xhtml?date=" + day);
      String row = "[data-discrepancy='" + strangerId + "'] ";
      phone.type(By.cssSelector(row + "input"), "not our shop's order; WeChat informed");
      phone.click(By.cssSelector(row + "button"));
      phone.waitForText(By.id("day:messages"), "Discrepancy " + strangerId + " marked resolved");
      assertThat(phone.text(By.cssSelector(row + ".resolved")))
          .contains(finance, "not our shop's order");
      Object overflow =
          ((org.openqa.selenium.JavascriptExecutor) phone.driver())
              .executeScript(
                  "return document.documentElement.scrollWidth > window.innerWidth + 1;");
      assertThat(overflow).as("the page fits a 390 px screen").isEqualTo(Boolean.FALSE);
      phone.screenshot("reconciliation-day-phone");
    }
  }
}
