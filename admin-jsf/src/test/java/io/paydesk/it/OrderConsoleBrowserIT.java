package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.it.browser.Browser;
import io.paydesk.it.browser.ChineseConsole;
import io.paydesk.it.browser.StaffAccounts;
import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The order console in a real headless Chromium against the sandbox: a refund approved until the
 * order shows REFUNDED (in English), a paid order's live alert, shipping and approving at phone
 * width (in Chinese), and every page of the console walked in Chinese, with the language switched
 * and kept with the account. Screenshots of the Chinese pages go to target/screenshots (the README
 * shows copies from docs/screenshots); English ones get a {@code -en} suffix.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrderConsoleBrowserIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(Deployments.Database.H2);
  }

  @ArquillianResource URL url;

  final RefundsContract refunds = new RefundsContract() {};
  final PaymentsContract payments = refunds.payments;

  Browser loggedIn(Browser browser, String user) {
    refunds.staff(user);
    return browser.loginAs(user, RefundsContract.STAFF_PASSWORD);
  }

  String refundOf(String orderNo, long amount) {
    return refunds
        .requestRefund(orderNo, amount, "r-" + UUID.randomUUID())
        .json()
        .getString("outRefundNo");
  }

  /** A paid order with two item lines, as a shop would send it. */
  String paidOrderWithItems() {
    String orderNo = PlatformOnH2IT.newOrderNo();
    String body =
        "{\"orderNo\":\""
            + orderNo
            + "\",\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\",\"amount\":12800,"
            + "\"description\":\"T恤 ×2, 帆布袋\",\"items\":["
            + "{\"sku\":\"TS-W-M\",\"name\":\"T恤, 白色, M\",\"quantity\":2,\"unitPrice\":4900},"
            + "{\"sku\":\"BAG-01\",\"name\":\"帆布袋\",\"quantity\":1,\"unitPrice\":3000}]}";
    assertThat(refunds.http.postJson("api/orders", body).status()).isEqualTo(201);
    var payment =
        refunds.http.postJson("api/orders/" + orderNo + "/payment", "{\"clientIp\":\"10.1.2.3\"}");
    String prepayId =
        payment.json().getJsonObject("requestPayment").getString("package").substring(10);
    TestSandbox.get().pay(prepayId);
    org.awaitility.Awaitility.await()
        .atMost(RefundsContract.WAIT)
        .until(() -> refunds.status(orderNo).equals("PAID"));
    return orderNo;
  }

  By approveButton(String outRefundNo) {
    return By.cssSelector("[data-refund='" + outRefundNo + "'] [id$=':approve']");
  }

  @Test
  void financeApprovesARefundInTheBrowserUntilTheOrderShowsRefunded() {
    String orderNo = refunds.paidOrder(30_000);
    String outRefundNo = refundOf(orderNo, 30_000);
    // a large refund beside it, approved once already: the queue shows the four-eyes state
    String bigOrder = refunds.paidOrder(200_000);
    String bigRefund = refundOf(bigOrder, 150_000);
    refunds.staff("fin.two").postJson("api/staff/refunds/" + bigRefund + "/approval", "{}");

    try (Browser browser = Browser.desktop(url)) {
      loggedIn(browser, "fin.one");
      browser.open("admin/refunds/approval.xhtml");
      browser.waitFor(approveButton(outRefundNo));
      assertThat(browser.text(By.cssSelector("[data-refund='" + bigRefund + "'] .four-eyes")))
          .contains("First approved by fin.two");
      browser.screenshot("refund-approval");

      browser.click(approveButton(outRefundNo));
      browser.waitForText(By.id("approval:messages"), "Refund " + outRefundNo + " approved");

      browser.open("admin/orders/order.xhtml?no=" + orderNo);
      browser.waitUntil(
          d -> {
            d.navigate().refresh();
            return d.findElement(By.id("order-status")).getText().equals("REFUNDED");
          });
      assertThat(browser.text(By.id("refunds"))).contains(outRefundNo, "REFUNDED", "fin.one");
      browser.screenshot("order-detail");

      browser.open("admin/orders/index.xhtml");
      browser.waitFor(By.id("orders:list"));
      assertThat(browser.text(By.id("orders:list"))).contains(orderNo, bigOrder);
      browser.screenshot("orders");

      String withItems = paidOrderWithItems();
      browser.open("admin/orders/ticket.xhtml?no=" + withItems);
      assertThat(browser.text(By.id("ticket-total"))).isEqualTo("¥128.00");
      assertThat(browser.text(By.id("ticket"))).contains("T恤, 白色, M", "2 × 49.00", "98.00");
      browser.screenshot("ticket");
    }
  }

  @Test
  void aPaidOrderAppearsAtOnceWithASoundAndItsTicketPrinted() {
    try (Browser browser = Browser.desktop(url, ChineseConsole.CHINESE)) {
      loggedIn(browser, "sup.one");
      paidOrderWithItems();
      payments.newPayingOrder(1999, null);
      browser.open("admin/orders/index.xhtml");
      browser.waitUntil(
          d ->
              "true"
                  .equals(
                      ((JavascriptExecutor) d)
                          .executeScript("return document.body.dataset.alertsConnected")));
      browser.click(By.id("print-on-arrival"));

      PaymentsContract.Paying paying = payments.newPayingOrder(6600, null);
      TestSandbox.get().pay(paying.prepayId());

      By toast = By.cssSelector(".toast[data-order-no='" + paying.orderNo() + "']");
      assertThat(browser.text(toast)).contains("已支付： " + paying.orderNo(), "¥66.00");
      JavascriptExecutor js = (JavascriptExecutor) browser.driver();
      assertThat(js.executeScript("return document.body.dataset.lastBeep")).isNotNull();
      browser.waitUntil(
          d ->
              paying
                  .orderNo()
                  .equals(
                      ((JavascriptExecutor) d)
                          .executeScript("return document.body.dataset.lastPrinted")));
      browser.screenshot("live-alert");

      // the preference stays with this user in this browser
      browser.open("admin/orders/index.xhtml");
      assertThat(browser.waitFor(By.id("print-on-arrival")).isSelected()).isTrue();
    }
  }

  @Test
  void supportShipsAnOrderAtPhoneWidth() {
    String orderNo = refunds.paidOrder(4990);
    try (Browser phone = Browser.phone(url, ChineseConsole.CHINESE)) {
      loggedIn(phone, "sup.one");
      phone.open("admin/orders/order.xhtml?no=" + orderNo);
      phone.click(By.id("ship:ship"));
      phone.waitForText(By.id("ship"), "快递公司：由哪家快递公司承运");
      assertThat(fitsTheScreen(phone)).isTrue();

      phone.type(By.id("ship:carrier"), "SF Express");
      phone.type(By.id("ship:trackingNo"), "SF7788990011");
      phone.click(By.id("ship:ship"));

      phone.waitForText(By.id("order-status"), "已发货");
      assertThat(phone.waitFor(By.id("order-status")).getAttribute("data-status"))
          .isEqualTo("SHIPPED");
      phone.screenshot("ship-phone");
      assertThat(phone.text(By.id("tracking"))).isEqualTo("SF7788990011");
      assertThat(fitsTheScreen(phone)).isTrue();
    }
    assertThat(payments.order(orderNo).getString("status")).isEqualTo("SHIPPED");
  }

  @Test
  void financeApprovesAtPhoneWidth() {
    String orderNo = refunds.paidOrder(25_000);
    String outRefundNo = refundOf(orderNo, 12_000);
    try (Browser phone = Browser.phone(url, ChineseConsole.CHINESE)) {
      loggedIn(phone, "fin.two");
      phone.open("admin/refunds/approval.xhtml");
      phone.waitFor(approveButton(outRefundNo));
      assertThat(fitsTheScreen(phone)).isTrue();
      phone.screenshot("approval-phone");

      phone.click(approveButton(outRefundNo));
      phone.waitForText(By.id("approval:messages"), "退款 " + outRefundNo + " 已审核通过");
    }
    refunds.awaitRefundStatus(outRefundNo, "REFUNDED");
  }

  @Test
  void everyPageOfTheConsoleIsChineseForAChineseBrowserAndEnglishOnRequest() {
    String user = "zh.all";
    String password = StaffAccounts.ensure(url, user, "SUPPORT", "FINANCE", "ADMIN");
    String orderNo = paidOrderWithItems();
    String outRefundNo = refundOf(orderNo, 12_000);
    try (Browser browser = Browser.desktop(url, ChineseConsole.CHINESE)) {
      browser.open("admin/login.xhtml");
      browser.waitFor(By.id("username"));
      ChineseConsole.assertChinese(browser, "用户名");
      browser.screenshot("login");
      browser.submitLogin(user, "not-the-password");
      assertThat(browser.text(By.id("messages"))).contains("用户名或密码错误。");
      browser.loginAs(user, password);
      ChineseConsole.assertChinese(browser, "今日已支付（北京时间）");
      browser.screenshot("dashboard");

      String[][] pages = {
        {"admin/orders/index.xhtml", "orders:list", "筛选", "orders"},
        {"admin/orders/order.xhtml?no=" + orderNo, "history", "状态历史", "order-detail"},
        {"admin/orders/ticket.xhtml?no=" + orderNo, "ticket", "订单小票", "ticket"},
        {"admin/refunds/approval.xhtml", "approval", "待审核的退款", "refund-approval"},
        {"admin/reconciliation/index.xhtml", "start", "账单日期（北京时间）", "reconciliation-start"},
        {"admin/users/index.xhtml", "accounts:users", "新建账户", "users"},
        {"admin/audit.xhtml", "audit:entries", "审计日志", "audit"},
        {"admin/erp/dead-letters.xhtml", "dead-letters", "ERP 死信", "dead-letters"},
        {"admin/orders/order.xhtml?no=NO-SUCH-ORDER", "messages", "没有这个订单。", "no-order"},
      };
      for (String[] page : pages) {
        browser.open(page[0]);
        browser.waitFor(By.id(page[1]));
        ChineseConsole.assertChinese(browser, page[2]);
        browser.screenshot(page[3]);
      }
      browser.open("admin/orders/order.xhtml?no=" + orderNo);
      assertThat(browser.text(By.id("order-status"))).isEqualTo("已支付");
      assertThat(browser.text(By.id("refunds"))).contains(outRefundNo, "待审核", "¥120.00");
      assertThat(browser.text(By.id("amount"))).isEqualTo("¥128.00");
      assertThat(browser.text(By.id("history")))
          .containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
      browser.open("admin/users/index.xhtml");
      browser.click(By.id("create:submit"));
      browser.waitForText(By.id("create"), "请输入用户名。");
      ChineseConsole.assertChinese(browser, "请至少选择一个角色。");

      // English on request: kept with the account, so the next login is English too
      browser.click(By.id("language-form:lang-en"));
      browser.waitForText(By.id("nav-orders"), "Orders");
      assertThat(browser.currentUrl()).contains("admin/users/index.xhtml");
      assertThat(browser.text(By.tagName("h1"))).isEqualTo("Users");
      browser.open("admin/orders/order.xhtml?no=" + orderNo);
      assertThat(browser.text(By.id("order-status"))).isEqualTo("PAID");
      browser.logout();
      assertThat(browser.text(By.id("logged-out"))).isEqualTo("您已退出登录。");
      browser.loginAs(user, password);
      assertThat(browser.text(By.tagName("h1"))).isEqualTo("Dashboard");
      browser.click(By.id("language-form:lang-zh"));
      browser.waitForText(By.tagName("h1"), "概览");
      ChineseConsole.assertChinese(browser, "今日已支付（北京时间）");
    }
    // a role without the page: the error page in Chinese
    try (Browser support = Browser.desktop(url, ChineseConsole.CHINESE)) {
      loggedIn(support, "sup.one");
      support.open("admin/users/index.xhtml");
      support.waitFor(By.id("forbidden"));
      ChineseConsole.assertChinese(support, "您的角色不允许访问此页面或执行此操作。");
    }
    try (Browser phone = Browser.phone(url, ChineseConsole.CHINESE)) {
      phone.loginAs(user, password);
      ChineseConsole.assertChinese(phone, "待审核退款");
      phone.screenshot("dashboard-phone");
    }
  }

  /** The page needs no sideways scrolling (wide tables scroll inside their own box). */
  static boolean fitsTheScreen(Browser browser) {
    Object fits =
        ((JavascriptExecutor) browser.driver())
            .executeScript("return document.documentElement.scrollWidth <= window.innerWidth + 1");
    return Boolean.TRUE.equals(fits);
  }
}
