package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shop's day-to-day on the real stack (issue 17): staff ask for refunds as themselves under the
 * same approval rules, finance records a refund the buyer's bank card refused (CHANGE) as settled
 * offline, and orders and refunds go out as CSV for Excel, streamed, from the staff API and the
 * console's lists. (A day's discrepancies export is checked in {@link ReconciliationContract}; the
 * streaming writer under a small heap in {@code CsvWriterTest}.)
 */
@ExtendWith(ArquillianExtension.class)
class ShopOperationsOnH2IT {

  /** Refunds of these amounts fail at the sandbox's bank card (CHANGE). */
  static final long CHANGE_API = 783;

  static final long CHANGE_CONSOLE = 787;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.paydesk(Deployments.Database.H2);
  }

  @ArquillianResource URL url;

  final RefundsContract refunds = new RefundsContract() {};
  final Http http = refunds.http;

  Console console(String user) {
    refunds.staff(user);
    return new Console(url, user, RefundsContract.STAFF_PASSWORD);
  }

  /**
   * An order paid at the sandbox. The payment call is repeated (same order, as a shop does) while
   * PayDesk answers WECHAT_UNAVAILABLE: on a loaded machine the first call after a boot can miss
   * the 3 s read timeout.
   */
  String paidOrder(long amount) {
    String orderNo = PlatformOnH2IT.newOrderNo();
    assertThat(http.postJson("api/orders", Http.order(orderNo, amount)).status()).isEqualTo(201);
    Http.Answer payment = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      payment = http.postJson("api/orders/" + orderNo + "/payment", "{\"clientIp\":\"10.1.2.3\"}");
      if (payment.status() != 503) {
        break;
      }
    }
    assertThat(payment.status()).as(payment.body()).isEqualTo(200);
    String prepayId =
        payment
            .json()
            .getJsonObject("requestPayment")
            .getString("package")
            .substring("prepay_id=".length());
    TestSandbox.get().pay(prepayId);
    await()
        .atMost(RefundsContract.WAIT)
        .untilAsserted(() -> assertThat(refunds.status(orderNo)).isEqualTo("PAID"));
    return orderNo;
  }

  Http.Answer staffRefund(Http staff, String orderNo, long amount, String requestId) {
    return staff.postJson(
        "api/staff/orders/" + orderNo + "/refunds",
        "{\"amount\":" + amount + ",\"reason\":\"退货, 尺码不合适\",\"requestId\":\"" + requestId + "\"}");
  }

  @Test
  void staffAskForRefundsUnderTheRulesAndFinanceSettlesABankCardFailureOffline() {
    TestSandbox.get()
        .addRefundOutcomeRule(
            TestSandbox.MCH_ID, CHANGE_API, CHANGE_API, io.paydesk.sandbox.RefundOutcome.CHANGE);
    String orderNo = paidOrder(50_000);
    Http support = refunds.staff("sup.one");
    Http finance = refunds.staff("fin.one");

    // support asks in their own name; above the auto-approval threshold it waits for finance
    String requestId = "s-" + UUID.randomUUID();
    var asked = staffRefund(support, orderNo, 20_000, requestId);
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    String waiting = asked.json().getString("outRefundNo");
    assertThat(asked.json().getString("status")).isEqualTo("PENDING_APPROVAL");
    assertThat(asked.json().getString("requestedBy")).isEqualTo("sup.one");
    assertThat(staffRefund(support, orderNo, 20_000, requestId).json().getString("outRefundNo"))
        .isEqualTo(waiting);
    // the shop's API client is not staff; more than is left is refused
    assertThat(staffRefund(http, orderNo, 100, "s-" + UUID.randomUUID()).status()).isEqualTo(403);
    var tooMuch = staffRefund(support, orderNo, 40_000, "s-" + UUID.randomUUID());
    assertThat(tooMuch.status()).isEqualTo(409);
    assertThat(tooMuch.json().getString("code")).isEqualTo("REFUND_EXCEEDS_PAID");

    // finance asks for a small one: approved automatically, sent, refused by the buyer's bank card
    var small = staffRefund(finance, orderNo, CHANGE_API, "s-" + UUID.randomUUID());
    assertThat(small.status()).as(small.body()).isEqualTo(201);
    String failed = small.json().getString("outRefundNo");
    refunds.awaitRefundStatus(failed, "FAILED");
    assertThat(refunds.refund(failed).getString("lastOutcome")).startsWith("CHANGE");

    String settle = "api/staff/refunds/" + failed + "/offline-settlement";
    String transfer =
        "{\"method\":\"BANK_TRANSFER\",\"reference\":\"ICBC-20261205-01\",\"note\":\"to the buyer's card\"}";
    assertThat(support.postJson(settle, transfer).status()).isEqualTo(403);
    var noReference = finance.postJson(settle, "{\"method\":\"BANK_TRANSFER\"}");
    assertThat(noReference.status()).isEqualTo(400);
    assertThat(noReference.json().getString("detail")).contains("reference");
    assertThat(refunds.refund(failed).getString("status")).isEqualTo("FAILED");
    // only a CHANGE failure is settled offline
    var notFailed =
        finance.postJson("api/staff/refunds/" + waiting + "/offline-settlement", transfer);
    assertThat(notFailed.status()).isEqualTo(409);
    assertThat(notFailed.json().getString("code")).isEqualTo("REFUND_ILLEGAL_TRANSITION");

    var settled = finance.postJson(settle, transfer);
    assertThat(settled.status()).as(settled.body()).isEqualTo(200);
    assertThat(settled.json().getString("status")).isEqualTo("SETTLED_OFFLINE");
    JsonObject offline = settled.json().getJsonObject("settledOffline");
    assertThat(offline.getString("method")).isEqualTo("BANK_TRANSFER");
    assertThat(offline.getString("reference")).isEqualTo("ICBC-20261205-01");
    assertThat(offline.getString("by")).isEqualTo("fin.one");
    assertThat(finance.postJson(settle, transfer).json().getString("status"))
        .isEqualTo("SETTLED_OFFLINE");
    // the order counts it as refunded; history, event and audit were written with it
    assertThat(refunds.status(orderNo)).isEqualTo("PARTIALLY_REFUNDED");
    var history = refunds.refund(failed).getJsonArray("history");
    JsonObject last = history.getJsonObject(history.size() - 1);
    assertThat(last.getString("from")).isEqualTo("FAILED");
    assertThat(last.getString("actor")).isEqualTo("fin.one");
    assertThat(console("fin.one").get("admin/orders/order.xhtml?no=" + orderNo).text())
        .contains("RefundSettledOffline v1", "¥7.83");
    var audit =
        new Console(url, "admin", Deployments.ADMIN_PASSWORD).get("admin/audit.xhtml").text();
    assertThat(audit).contains("refund.settle-offline", "refund.request-by-staff");

    // the refunds export: finance and administrators; in Chinese unless English is asked for
    var csv = finance.get("api/staff/refunds/export?orderNo=" + orderNo);
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("\uFEFFout_refund_no,订单号,");
    List<String> lines = Arrays.asList(csv.body().split("\r\n"));
    assertThat(lines).hasSize(3);
    assertThat(lines.stream().filter(l -> l.startsWith(failed)).findFirst().orElseThrow())
        .contains("7.83", "已线下退款", "银行转账", "ICBC-20261205-01", "\"退货, 尺码不合适\"");
    assertThat(support.get("api/staff/refunds/export").status()).isEqualTo(403);
    assertThat(finance.get("api/staff/refunds/export?status=NOPE").status()).isEqualTo(400);
  }

  @Test
  void theOrderPageAsksForARefundAndTheApprovalPageSettlesOneOffline() {
    TestSandbox.get()
        .addRefundOutcomeRule(
            TestSandbox.MCH_ID,
            CHANGE_CONSOLE,
            CHANGE_CONSOLE,
            io.paydesk.sandbox.RefundOutcome.CHANGE);
    String orderNo = paidOrder(30_000);
    Console support = console("sup.one");
    var page = support.get("admin/orders/order.xhtml?no=" + orderNo);
    assertThat(page.text()).contains("Refund this order");

    var noReason =
        support.submit(
            "staff-refund",
            "staff-refund:request-refund",
            Map.of("staff-refund:refund-amount", "7.87", "staff-refund:refund-reason", ""));
    assertThat(noReason.text()).contains("Enter why the order is refunded.");
    var asked =
        support.submit(
            "staff-refund",
            "staff-refund:request-refund",
            Map.of("staff-refund:refund-amount", "7.87", "staff-refund:refund-reason", "少发一件"));
    assertThat(asked.text()).contains("of ¥7.87 requested");
    var refundsOfOrder = http.get("api/orders/" + orderNo + "/refunds").body();
    String outRefundNo = refundsOfOrder.replaceAll("(?s).*\"outRefundNo\":\"([^\"]+)\".*", "$1");
    assertThat(refunds.refund(outRefundNo).getString("requestedBy")).isEqualTo("sup.one");
    refunds.awaitRefundStatus(outRefundNo, "FAILED");

    Console finance = console("fin.two");
    var queue = finance.get("admin/refunds/approval.xhtml");
    String button = queue.button("data-refund=\"" + outRefundNo + "\"", ":settle-offline");
    var settled =
        finance.submit(
            "approval",
            button,
            Map.of(
                button.replace(":settle-offline", ":offline-method"), "CASH",
                button.replace(":settle-offline", ":offline-reference"), "R-0042",
                button.replace(":settle-offline", ":offline-note"), "paid at the counter"));
    assertThat(settled.text())
        .contains("Refund " + outRefundNo + " is recorded as settled offline");
    JsonObject refund = refunds.refund(outRefundNo);
    assertThat(refund.getString("status")).isEqualTo("SETTLED_OFFLINE");
    assertThat(refund.getJsonObject("settledOffline").getString("by")).isEqualTo("fin.two");

    // the approval page's refund export, in the browser's language (English here)
    var exportPage = finance.get("admin/refunds/approval.xhtml");
    var csv =
        finance.submit(
            "refund-export", "refund-export:export", Map.of("refund-export:orderNo", orderNo));
    assertThat(csv.html()).startsWith("\uFEFFout_refund_no,Order no.,");
    assertThat(csv.html()).contains(outRefundNo, "SETTLED_OFFLINE", "Cash", "R-0042");
    assertThat(exportPage.status()).isEqualTo(200);
  }

  @Test
  void ordersExportEveryMatchingRowAsCsvForExcelPageAfterPage() {
    String openid = "o-export-" + UUID.randomUUID().toString().substring(0, 8);
    int count = 430; // three pages of the export's 200
    List<String> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String orderNo = PlatformOnH2IT.newOrderNo();
      String description =
          switch (i) {
            case 7 -> "=HYPERLINK(\"http://evil.example\",\"点我\")";
            case 8 -> "T恤, 白色 \"大码\"";
            default -> "商品 " + i;
          };
      var body =
          jakarta.json.Json.createObjectBuilder()
              .add("orderNo", orderNo)
              .add("openid", openid)
              .add("amount", 1000 + i)
              .add("description", description)
              .build()
              .toString();
      assertThat(http.postJson("api/orders", body).status()).isEqualTo(201);
      created.add(orderNo);
    }
    Http support = refunds.staff("sup.one");

    var csv = support.get("api/staff/orders/export?openid=" + openid);
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition").get(0)).contains("attachment", "orders.csv");
    assertThat(csv.body()).startsWith("\uFEFF订单号,out_trade_no,openid,金额（元）").endsWith("\r\n");
    List<String> lines = Arrays.asList(csv.body().split("\r\n"));
    assertThat(lines).hasSize(1 + count);
    List<String> exported =
        lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).toList();
    assertThat(new HashSet<>(exported)).hasSize(count).containsExactlyInAnyOrderElementsOf(created);
    // newest first, as on the list
    assertThat(exported.get(0)).isEqualTo(created.get(count - 1));
    assertThat(csv.body())
        .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\",")
        .contains(",\"T恤, 白色 \"\"大码\"\"\",")
        .contains("," + openid + ",10.07,0.00,待支付,");
    // filters as on the list; a bad one is a problem, not a file
    assertThat(
            support
                .get("api/staff/orders/export?openid=" + openid + "&minAmount=1420")
                .body()
                .split("\r\n"))
        .hasSize(1 + 10);
    var bad = support.get("api/staff/orders/export?status=NOPE");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(http.anonymous().get("api/staff/orders/export").status()).isEqualTo(401);

    // the order list's download button: the filters as typed, in the browser's language
    Console console = console("sup.one");
    console.get("admin/orders/index.xhtml");
    var file = console.submit("orders", "orders:export", Map.of("orders:openid", openid));
    assertThat(file.html()).startsWith("\uFEFFOrder no.,out_trade_no,openid,Amount (yuan)");
    assertThat(file.html().split("\r\n")).hasSize(1 + count);
  }
}
