package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;

/**
 * The staff console on the real stack: the order search (staff API and page), order detail, ticket,
 * shipping, "query WeChat now", the refund approval queue with its roles and four eyes, and the
 * live alert of a paid order. Run on H2 and on PostgreSQL by its subclasses.
 */
abstract class OrderConsoleContract {

  static final Duration WAIT = Duration.ofSeconds(45);

  @ArquillianResource URL url;

  final RefundsContract refunds = new RefundsContract() {};
  final PaymentsContract payments = refunds.payments;
  final Http http = refunds.http;

  Console console(String user) {
    refunds.staff(user);
    return new Console(url, user, RefundsContract.STAFF_PASSWORD);
  }

  /** Orders of one new buyer, created one after the other: their numbers, oldest first. */
  List<String> ordersOf(String openid, int count) {
    List<String> orderNos = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String orderNo = PlatformOnH2IT.newOrderNo();
      String body =
          "{\"orderNo\":\""
              + orderNo
              + "\",\"openid\":\""
              + openid
              + "\",\"amount\":"
              + (1000 + i)
              + ",\"description\":\"search test\"}";
      assertThat(http.postJson("api/orders", body).status()).isEqualTo(201);
      orderNos.add(orderNo);
    }
    return orderNos;
  }

  List<String> walk(Http staff, String query) {
    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      var answer =
          staff.get("api/staff/orders?" + query + (after == null ? "" : "&after=" + after));
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JsonObject page = answer.json();
      page.getJsonArray("rows").forEach(r -> seen.add(r.asJsonObject().getString("orderNo")));
      after = page.containsKey("next") && !page.isNull("next") ? page.getString("next") : null;
      assertThat(++pages).as("pages end").isLessThan(100);
    } while (after != null);
    return seen;
  }

  @Test
  void staffSearchOrdersByEachFilterAndPagesHaveNoGapsOrDuplicates() {
    String openid = "o-search-" + UUID.randomUUID();
    Instant before = Instant.now().minusSeconds(1);
    List<String> created = ordersOf(openid, 7);
    Instant after = Instant.now().plusSeconds(1);
    List<String> newestFirst = new ArrayList<>(created);
    java.util.Collections.reverse(newestFirst);
    Http staff = refunds.staff("sup.one");

    assertThat(walk(staff, "openid=" + openid + "&pageSize=3")).isEqualTo(newestFirst);
    var firstPage = staff.get("api/staff/orders?openid=" + openid + "&pageSize=3").json();
    assertThat(firstPage.getJsonArray("rows")).hasSize(3);
    assertThat(firstPage.getString("next")).isNotBlank();
    assertThat(walk(staff, "openid=" + openid + "&pageSize=7")).hasSize(7);
    assertThat(walk(staff, "openid=" + openid + "&status=CREATED&pageSize=2"))
        .isEqualTo(newestFirst);
    assertThat(walk(staff, "openid=" + openid + "&status=PAID")).isEmpty();
    assertThat(walk(staff, "openid=" + openid + "&minAmount=1002&maxAmount=1004"))
        .containsExactly(newestFirst.get(3), newestFirst.get(4), newestFirst.get(5));
    assertThat(walk(staff, "openid=" + openid + "&from=" + before + "&to=" + after)).hasSize(7);
    assertThat(walk(staff, "openid=" + openid + "&from=" + after)).isEmpty();
    assertThat(walk(staff, "orderNo=" + created.get(2))).containsExactly(created.get(2));

    PaymentsContract.Paying paying = payments.newPayingOrder(4321, null);
    var byOutTradeNo = staff.get("api/staff/orders?outTradeNo=" + paying.outTradeNo()).json();
    assertThat(byOutTradeNo.getJsonArray("rows")).hasSize(1);
    JsonObject row = byOutTradeNo.getJsonArray("rows").getJsonObject(0);
    assertThat(row.getString("orderNo")).isEqualTo(paying.orderNo());
    assertThat(row.getString("outTradeNo")).isEqualTo(paying.outTradeNo());
    assertThat(row.getString("status")).isEqualTo("PAYING");
    assertThat(row.getJsonNumber("amount").longValue()).isEqualTo(4321);
    assertThat(byOutTradeNo.containsKey("next") && !byOutTradeNo.isNull("next")).isFalse();

    // the console's list shows the same, newest first, times in Beijing
    Console support = console("sup.one");
    var list = support.get("admin/orders/index.xhtml");
    assertThat(list.status()).isEqualTo(200);
    var filtered =
        support.submit(
            "orders", "orders:search", Map.of("orders:openid", openid, "orders:status", ""));
    assertThat(filtered.text()).contains(newestFirst.get(0)).contains("¥10.07").contains("page 1");
    assertThat(filtered.text().indexOf(newestFirst.get(0)))
        .isLessThan(filtered.text().indexOf(newestFirst.get(6)));
    var invalid = support.submit("orders", "orders:search", Map.of("orders:minYuan", "twelve"));
    assertThat(invalid.text()).contains("Amount from: an amount in yuan");
  }

  /**
   * Every page of the URL plan as each role: 200 where the role may open it, 403 where it may not,
   * never 404 or 500; and every link of each role's navigation opens.
   */
  @Test
  void everyPageAndNavLinkAnswersAsTheUrlPlanSaysForEachRole() {
    String orderNo = refunds.paidOrder(1200);
    String date = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8)).minusDays(1).toString();
    Set<String> all = Set.of("SUPPORT", "FINANCE", "ADMIN");
    Map<String, Set<String>> plan = new java.util.LinkedHashMap<>();
    plan.put("admin/index.xhtml", all);
    plan.put("admin/orders/index.xhtml", all);
    plan.put("admin/orders/order.xhtml?no=" + orderNo, all);
    plan.put("admin/orders/ticket.xhtml?no=" + orderNo, all);
    plan.put("admin/refunds/approval.xhtml", Set.of("FINANCE"));
    plan.put("admin/reconciliation/index.xhtml", Set.of("FINANCE", "ADMIN"));
    plan.put("admin/reconciliation/day.xhtml?date=" + date, Set.of("FINANCE", "ADMIN"));
    plan.put("admin/users/index.xhtml", Set.of("ADMIN"));
    plan.put("admin/users/clients.xhtml", Set.of("ADMIN"));
    plan.put("admin/merchants/index.xhtml", Set.of("ADMIN"));
    plan.put("admin/audit.xhtml", Set.of("ADMIN"));
    plan.put("admin/erp/dead-letters.xhtml", Set.of("ADMIN"));
    Map<String, Set<String>> nav =
        Map.of(
            "SUPPORT", Set.of("nav-dashboard", "nav-orders"),
            "FINANCE", Set.of("nav-dashboard", "nav-orders", "nav-refunds", "nav-reconciliation"),
            "ADMIN",
                Set.of(
                    "nav-dashboard",
                    "nav-orders",
                    "nav-reconciliation",
                    "nav-users",
                    "nav-clients",
                    "nav-merchants",
                    "nav-audit",
                    "nav-dead-letters"));
    refunds.staff("sup.one");
    Map<String, Console> consoles =
        Map.of(
            "SUPPORT", new Console(url, "sup.one", RefundsContract.STAFF_PASSWORD),
            "FINANCE", new Console(url, "fin.one", RefundsContract.STAFF_PASSWORD),
            "ADMIN", new Console(url, "admin", Deployments.ADMIN_PASSWORD));
    java.util.regex.Pattern link =
        java.util.regex.Pattern.compile("<a id=\"(nav-[a-z-]+)\" href=\"([^\"]+)\"");
    for (var role : consoles.entrySet()) {
      Console console = role.getValue();
      for (var page : plan.entrySet()) {
        var answer = console.get(page.getKey());
        int expected = page.getValue().contains(role.getKey()) ? 200 : 403;
        assertThat(answer.status()).as(role.getKey() + " " + page.getKey()).isEqualTo(expected);
        assertThat(answer.text())
            .as(role.getKey() + " " + page.getKey())
            .doesNotContain("did not work", "at io.paydesk.", "jakarta.el.");
      }
      var matcher = link.matcher(console.get("admin/index.xhtml").html());
      Set<String> links = new java.util.HashSet<>();
      while (matcher.find()) {
        links.add(matcher.group(1));
        String href = matcher.group(2).replaceFirst("^" + url.getPath(), "");
        var opened = console.get(href);
        assertThat(opened.status()).as(role.getKey() + " " + matcher.group(1)).isEqualTo(200);
        assertThat(plan.keySet().stream().map(k -> k.replaceFirst("\\?.*", "")))
            .as("the URL plan covers " + href)
            .contains(href);
      }
      assertThat(links).as(role.getKey()).isEqualTo(nav.get(role.getKey()));
    }
  }

  @Test
  void badSearchesAreProblemsAndStrangersAreRefused() {
    Http staff = refunds.staff("sup.one");
    assertThat(http.anonymous().get("api/staff/orders").status()).isEqualTo(401);
    for (String query :
        List.of(
            "status=NOPE",
            "after=not-a-cursor",
            "pageSize=0",
            "pageSize=201",
            "from=2026-11-28T00:00:00Z&to=2026-11-01T00:00:00Z",
            "from=yesterday",
            "minAmount=500&maxAmount=100")) {
      var answer = staff.get("api/staff/orders?" + query);
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.contentType()).startsWith("application/problem+json");
    }
    // without a login the console's pages are the login form
    for (String page : List.of("admin/orders/index.xhtml", "admin/refunds/approval.xhtml")) {
      var answer = new Console(url, null, null).get(page);
      assertThat(answer.html()).as(page).contains("id=\"login\"").doesNotContain("orders:list");
    }
  }

  @Test
  void orderDetailTicketQueryAndShippingFromTheConsole() {
    String orderNo = refunds.paidOrder(2590);
    Console support = console("sup.one");

    var detail = support.get("admin/orders/order.xhtml?no=" + orderNo);
    assertThat(detail.status()).isEqualTo(200);
    JsonObject order = payments.order(orderNo);
    String transactionId =
        order.getJsonArray("attempts").getJsonObject(0).getString("transactionId");
    assertThat(detail.text())
        .contains(orderNo, "PAID", "¥25.90", "PAYING → PAID", transactionId, "OrderCreated v1");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(support.get("admin/orders/order.xhtml?no=" + orderNo).text())
                    .contains("OrderPaid v1"));

    var asked = support.submit("actions", "actions:query-wechat", Map.of());
    assertThat(asked.text()).contains("WeChat was asked: the order is still PAID");

    var ticket = support.get("admin/orders/ticket.xhtml?no=" + orderNo);
    assertThat(ticket.status()).isEqualTo(200);
    assertThat(ticket.html())
        .contains("paydesk/ticket.css", "paydesk/ticket.js")
        .doesNotContain("print-on-load");
    assertThat(support.get("jakarta.faces.resource/paydesk/ticket.css.xhtml").html())
        .contains("@media print", "80mm");
    // printing at once is the ticket script's job (no inline script: the page's CSP runs none)
    assertThat(support.get("admin/orders/ticket.xhtml?print=true&no=" + orderNo).html())
        .contains("id=\"print-on-load\"");
    assertThat(support.get("jakarta.faces.resource/paydesk/ticket.js.xhtml").html())
        .contains("print-on-load", "window.print()");
    assertThat(ticket.text()).contains(orderNo, "¥25.90", transactionId);
    assertThat(support.get("admin/orders/ticket.xhtml?no=NOPE").text()).contains("no order NOPE");

    // finance sees the order but has no shipping form
    assertThat(console("fin.one").get("admin/orders/order.xhtml?no=" + orderNo).html())
        .doesNotContain("ship:carrier");

    support.get("admin/orders/order.xhtml?no=" + orderNo);
    var missing =
        support.submit("ship", "ship:ship", Map.of("ship:carrier", "", "ship:trackingNo", ""));
    assertThat(missing.text()).contains("Carrier: which carrier", "Tracking number: the carrier");
    assertThat(payments.order(orderNo).getString("status")).isEqualTo("PAID");
    var tooLong =
        support.submit(
            "ship", "ship:ship", Map.of("ship:carrier", "S".repeat(65), "ship:trackingNo", "1"));
    assertThat(tooLong.text()).contains("Carrier: at most 64 characters");

    var shipped =
        support.submit(
            "ship",
            "ship:ship",
            Map.of("ship:carrier", "SF Express", "ship:trackingNo", "SF1234567"));
    assertThat(shipped.text()).contains("Shipped with SF Express SF1234567", "SHIPPED");
    assertThat(payments.order(orderNo).getString("status")).isEqualTo("SHIPPED");
    assertThat(payments.order(orderNo).getJsonArray("history").toString()).contains("sup.one");
  }

  @Test
  void financeApprovesInTheQueueWithFourEyesUntilTheOrderIsRefunded() {
    String orderNo = refunds.paidOrder(200_000);
    String outRefundNo =
        refunds
            .requestRefund(orderNo, 200_000, "r-" + UUID.randomUUID())
            .json()
            .getString("outRefundNo");
    String section = "data-refund=\"" + outRefundNo + "\"";

    // support may neither see the queue nor post an approval to it
    Console support = console("sup.one");
    assertThat(support.get("admin/refunds/approval.xhtml").status()).isEqualTo(403);
    assertThat(
            support
                .post(
                    "admin/refunds/approval.xhtml",
                    Map.of("approval", "approval", "approval:j_idt1:0:approve", "Approve"))
                .status())
        .isEqualTo(403);

    Console one = console("fin.one");
    var queue = one.get("admin/refunds/approval.xhtml");
    assertThat(queue.status()).isEqualTo(200);
    assertThat(queue.text()).contains(outRefundNo, "¥2,000.00", "Four eyes", "No approval yet");
    one.submit("approval", queue.button(section, ":approve"), Map.of());
    var afterFirst = one.get("admin/refunds/approval.xhtml");
    assertThat(afterFirst.text()).contains("First approved by fin.one");
    assertThat(refunds.refund(outRefundNo).getString("status"))
        .isEqualTo("PENDING_SECOND_APPROVAL");
    // the same person again (the button is disabled; posting anyway): the boundary refuses
    var again = one.submit("approval", afterFirst.button(section, ":approve"), Map.of());
    assertThat(again.text()).doesNotContain("approved: it goes to WeChat");
    assertThat(refunds.refund(outRefundNo).getString("status"))
        .isEqualTo("PENDING_SECOND_APPROVAL");

    Console two = console("fin.two");
    var second = two.get("admin/refunds/approval.xhtml");
    var approved = two.submit("approval", second.button(section, ":approve"), Map.of());
    assertThat(approved.text()).contains("Refund " + outRefundNo + " approved");

    refunds.awaitRefundStatus(outRefundNo, "REFUNDED");
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(refunds.status(orderNo)).isEqualTo("REFUNDED"));
    assertThat(two.get("admin/orders/order.xhtml?no=" + orderNo).text())
        .contains("REFUNDED", "fin.one, fin.two");
  }

  @Test
  void aRejectionInTheQueueNeedsAReason() {
    String orderNo = refunds.paidOrder(30_000);
    String outRefundNo =
        refunds
            .requestRefund(orderNo, 20_000, "r-" + UUID.randomUUID())
            .json()
            .getString("outRefundNo");
    String section = "data-refund=\"" + outRefundNo + "\"";
    Console finance = console("fin.one");
    var queue = finance.get("admin/refunds/approval.xhtml");
    String reject = queue.button(section, ":reject");
    String reason = reject.replace(":reject", ":reason");

    var noReason = finance.submit("approval", reject, Map.of(reason, " "));
    assertThat(noReason.text()).contains("a reason is required");
    assertThat(refunds.refund(outRefundNo).getString("status")).isEqualTo("PENDING_APPROVAL");

    var rejected = finance.submit("approval", reject, Map.of(reason, "came back unopened"));
    assertThat(rejected.text()).contains("Refund " + outRefundNo + " rejected");
    assertThat(refunds.refund(outRefundNo).getString("status")).isEqualTo("REJECTED");
  }

  @Test
  void aFailedRefundIsListedWithWhatToDoNext() {
    TestSandbox.get()
        .addRefundOutcomeRule(
            TestSandbox.MCH_ID, 779, 779, io.paydesk.sandbox.RefundOutcome.CHANGE);
    String orderNo = refunds.paidOrder(5000);
    // below the auto-approval threshold of these deployments: it goes to WeChat at once
    String outRefundNo =
        refunds
            .requestRefund(orderNo, 779, "r-" + UUID.randomUUID())
            .json()
            .getString("outRefundNo");
    refunds.awaitRefundStatus(outRefundNo, "FAILED");

    var queue = console("fin.one").get("admin/refunds/approval.xhtml");
    String failed = queue.text().substring(queue.text().indexOf("Failed refunds"));
    assertThat(failed)
        .contains(outRefundNo, "¥7.79", "CHANGE", "Next step:", "refund the buyer another way");
  }

  @Test
  void aPaidOrderReachesLoggedInStaffAtOnce() throws Exception {
    Console finance = console("fin.one");
    finance.get("admin/orders/index.xhtml");
    BlockingQueue<String> alerts = finance.listen();
    assertThat(new Console(url, null, null).get("admin/orders/index.xhtml").pushUrl()).isNull();

    PaymentsContract.Paying paying = payments.newPayingOrder(6600, null);
    TestSandbox.get().pay(paying.prepayId());

    String alert = null;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String message = alerts.poll(1, TimeUnit.SECONDS);
      if (message != null && message.contains(paying.orderNo())) {
        alert = message;
        break;
      }
    }
    assertThat(alert).as("alert of " + paying.orderNo()).isNotNull().contains("¥66.00");
  }

  @Test
  void theConsoleSpeaksTheBrowsersLanguageAndChineseByDefault() {
    String orderNo = refunds.paidOrder(2590);
    refunds.staff("sup.one");
    Map<String, String> historyHeading =
        Map.of(
            "zh-CN,zh;q=0.9", "状态历史",
            "fr-FR,fr;q=0.9", "状态历史",
            "zh-TW", "状态历史",
            "en-US,en;q=0.9", "History",
            "de-DE,en;q=0.5", "History");
    historyHeading.forEach(
        (language, heading) -> {
          var page =
              new Console(url, "sup.one", RefundsContract.STAFF_PASSWORD, language)
                  .get("admin/orders/order.xhtml?no=" + orderNo);
          assertThat(page.text()).as(language).contains(heading, "¥25.90").doesNotContain("???");
          assertThat(page.html())
              .as(language)
              .contains(heading.equals("History") ? "lang=\"en\"" : "lang=\"zh-CN\"");
        });

    // Chinese throughout: statuses, validation and the rules' refusals
    Console chinese = new Console(url, "sup.one", RefundsContract.STAFF_PASSWORD, "zh-CN,zh;q=0.9");
    var detail = chinese.get("admin/orders/order.xhtml?no=" + orderNo);
    assertThat(detail.text()).contains("已支付", "¥25.90", "标记为已发货");
    var missing =
        chinese.submit("ship", "ship:ship", Map.of("ship:carrier", "", "ship:trackingNo", ""));
    assertThat(missing.text()).contains("快递公司：由哪家快递公司承运", "运单号：快递公司的运单号");
    assertThat(chinese.get("admin/orders/order.xhtml?no=NOPE").text()).contains("没有这个订单。");
    chinese.get("admin/orders/index.xhtml");
    var invalid = chinese.submit("orders", "orders:search", Map.of("orders:minYuan", "12.345"));
    assertThat(invalid.text()).contains("最低金额：请输入以元为单位的金额");
  }
}
