package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.it.browser.Browser;
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
 * order shows REFUNDED, a paid order's live alert, shipping and approving at phone width.
 * Screenshots of the orders list, order detail, ticket, approval queue and an alert go to
 * target/screenshots (the README shows copies from docs/screenshots).
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
    try (Browser browser = Browser.desktop(url)) {
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
      assertThat(browser.text(toast)).contains("Paid: " + paying.orderNo(), "¥66.00");
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
    try (Browser phone = Browser.phone(url)) {
      loggedIn(phone, "sup.one");
      phone.open("admin/orders/order.xhtml?no=" + orderNo);
      phone.click(By.id("ship:ship"));
      phone.waitForText(By.id("ship"), "Carrier: which carrier");
      assertThat(fitsTheScreen(phone)).isTrue();

      phone.type(By.id("ship:carrier"), "SF Express");
      phone.type(By.id("ship:trackingNo"), "SF7788990011");
      phone.click(By.id("ship:ship"));

      phone.waitForText(By.id("order-status"), "SHIPPED");
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
    try (Browser phone = Browser.phone(url)) {
      loggedIn(phone, "fin.two");
      phone.open("admin/refunds/approval.xhtml");
      phone.waitFor(approveButton(outRefundNo));
      assertThat(fitsTheScreen(phone)).isTrue();
      phone.screenshot("approval-phone");

      phone.click(approveButton(outRefundNo));
      phone.waitForText(By.id("approval:messages"), "Refund " + outRefundNo + " approved");
    }
    refunds.awaitRefundStatus(outRefundNo, "REFUNDED");
  }

  /** The page needs no sideways scrolling (wide tables scroll inside their own box). */
  static boolean fitsTheScreen(Browser browser) {
    Object fits =
        ((JavascriptExecutor) browser.driver())
            .executeScript("return document.documentElement.scrollWidth <= window.innerWidth + 1");
    return Boolean.TRUE.equals(fits);
  }
}
