package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.ErpEventConsumer.Received;
import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.client.ClientCertificate;
import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.TrustConfig;
import io.paydesk.wechatpay.client.UnifiedOrderRequest;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.client.WeChatPayConfig;
import io.paydesk.wechatpay.sign.SignType;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation on the real stack: PayDesk's Jakarta Batch job against the sandbox's ALL bill.
 * Each database's deployment has a sandbox merchant of its own (so the bill holds only this test's
 * trades) and a database of its own. The daily schedule is on ("00:00"), so yesterday is reconciled
 * by the schedule.
 */
abstract class ReconciliationContract {

  static final Duration WAIT = Duration.ofSeconds(90);
  static final String PASSWORD = "a-long-test-passphrase";

  final URL url = Deployments.url();

  final RefundsContract refunds = new RefundsContract() {};
  final PaymentsContract payments = refunds.payments;
  final Http anonymous = payments.http.anonymous();
  final Http admin = anonymous.as("admin", Deployments.ADMIN_PASSWORD);

  /** The sandbox merchant this deployment uses. */
  abstract String mchId();

  /** Configuration of a deployment for {@code mchId}. */
  static Map<String, String> settings(String mchId) {
    return Map.of(
        "paydesk.wechat.mch-id", mchId,
        "paydesk.wechat.appid", TestSandbox.RECONCILIATION_APP_ID,
        "paydesk.wechat.cert-path", TestSandbox.get().clientCertificate(mchId).toString(),
        "paydesk.reconciliation.daily-at", "00:00",
        "paydesk.reconciliation.backoff", "PT2S",
        "paydesk.reconciliation.chunk-size", "3",
        // the janitor leaves open attempts alone for an hour: reconciliation finds them
        "paydesk.janitor.backoff", "PT1H");
  }

  @AfterEach
  void switchesOff() {
    TestSandbox.get().bills().reset();
    TestSandbox.get().faults().reset();
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.ofHours(8));
  }

  Http staff(String role) {
    return anonymous.as(newStaff(role), PASSWORD);
  }

  /** A member of staff on the console pages, logged in through the login form. */
  Console console(String role) {
    return new Console(url, newStaff(role), PASSWORD);
  }

  /** Creates a member of staff with {@code role}; answers the user name. */
  String newStaff(String role) {
    String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        admin.postJson(
            "api/staff/users",
            "{\"username\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"roles\":[\""
                + role
                + "\"]}");
    assertThat(created.status()).as(created.body()).isIn(200, 201);
    return name;
  }

  WeChatPayClient wechat() {
    var sandbox = TestSandbox.get();
    Merchant merchant =
        new Merchant(
            TestSandbox.RECONCILIATION_APP_ID,
            mchId(),
            Secret.of(TestSandbox.API_KEY),
            SignType.MD5);
    return new WeChatPayClient(
        new WeChatPayConfig(
            sandbox.baseUrl(),
            merchant,
            TrustConfig.pemFile(sandbox.caCertificatePem()),
            new ClientCertificate(sandbox.clientCertificate(mchId()), Secret.of(mchId())),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10)));
  }

  /** A payment made at WeChat directly, of which PayDesk never hears: its out_trade_no. */
  String paidAtWeChatOnly(long fen) {
    String outTradeNo = "XX" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    wechat()
        .unifiedOrder(
            new UnifiedOrderRequest(
                outTradeNo,
                "not through PayDesk",
                fen,
                "10.1.2.3",
                "http://127.0.0.1:9/n",
                "o-stranger",
                null,
                null,
                null))
        .orElseThrow();
    TestSandbox.get().pay(TestSandbox.get().prepayId(mchId(), outTradeNo));
    return outTradeNo;
  }

  JsonObject awaitCompleted(Http as, LocalDate date, int runNo) {
    JsonObject[] last = new JsonObject[1];
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var answer = as.get("api/reconciliation/" + date);
              assertThat(answer.status()).as(answer.body()).isEqualTo(200);
              last[0] = answer.json();
              JsonObject day = last[0].getJsonObject("day");
              assertThat(day.getInt("runNo")).isEqualTo(runNo);
              assertThat(day.getString("status")).as(answer.body()).isEqualTo("COMPLETED");
            });
    return last[0];
  }

  static Map<String, Integer> byType(JsonObject report) {
    return report.getJsonObject("byType").entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> ((jakarta.json.JsonNumber) e.getValue()).intValue()));
  }

  static List<JsonObject> items(JsonObject report, String key) {
    return report.getJsonArray(key).stream().map(JsonValue::asJsonObject).toList();
  }

  @Test
  void aDayWithPaymentsRefundsAndTroubleIsReconciledRepairedAndRerun() {
    var sandbox = TestSandbox.get();
    LocalDate day = today();
    // payments PayDesk knows, with a full (two partial) and a partial refund
    String fully = refunds.paidOrder(1000);
    String partly = refunds.paidOrder(500);
    String other = refunds.paidOrder(800);
    String r1 =
        refunds.requestRefund(fully, 300, "r-" + UUID.randomUUID()).json().getString("outRefundNo");
    String r2 =
        refunds.requestRefund(fully, 700, "r-" + UUID.randomUUID()).json().getString("outRefundNo");
    String r3 =
        refunds
            .requestRefund(partly, 200, "r-" + UUID.randomUUID())
            .json()
            .getString("outRefundNo");
    refunds.awaitRefundStatus(r1, "REFUNDED");
    refunds.awaitRefundStatus(r2, "REFUNDED");
    refunds.awaitRefundStatus(r3, "REFUNDED");
    // a payment and a refund PayDesk never heard of (made at WeChat directly)
    WeChatPayClient wechat = wechat();
    String stranger = paidAtWeChatOnly(700);
    String strangerRefund = "RX" + stranger.substring(2);
    wechat
        .refund(new RefundRequest(stranger, strangerRefund, 700, 100, null, null, null))
        .orElseThrow();
    // a payment whose notification is lost; the janitor will not ask for an hour
    sandbox.faults().notifyDropRate(1.0);
    PaymentsContract.Paying lost = payments.newPayingOrder(600, null);
    sandbox.pay(lost.prepayId());
    assertThat(refunds.status(lost.orderNo())).isEqualTo("PAYING");
    // WeChat's bill shows another amount for one order and lacks one refund line; its summary is
    // off
    String otherOutTradeNo = attemptOf(other);
    sandbox.bills().amount(otherOutTradeNo, 801).omit(r3).summaryOffset(5);

    Http finance = staff("FINANCE");
    var started = finance.post("api/reconciliation/" + day + "/runs");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    JsonObject report = awaitCompleted(finance, day, started.json().getInt("runNo"));

    JsonObject d = report.getJsonObject("day");
    // WeChat: 5 payment lines (1000, 500, 801, 700, 600), 3 refund lines (300, 700, 100)
    assertThat(d.getJsonObject("wechat").getInt("paymentCount")).isEqualTo(5);
    assertThat(d.getJsonObject("wechat").getJsonNumber("paymentFen").longValue()).isEqualTo(3601);
    assertThat(d.getJsonObject("wechat").getInt("refundCount")).isEqualTo(3);
    assertThat(d.getJsonObject("wechat").getJsonNumber("refundFen").longValue()).isEqualTo(1100);
    // PayDesk: the three it had as paid (its own 800), refunds 300 + 700 + the 200 WeChat lacks
    assertThat(d.getJsonObject("paydesk").getInt("paymentCount")).isEqualTo(3);
    assertThat(d.getJsonObject("paydesk").getJsonNumber("paymentFen").longValue()).isEqualTo(2300);
    assertThat(d.getJsonObject("paydesk").getInt("refundCount")).isEqualTo(3);
    assertThat(d.getJsonObject("paydesk").getJsonNumber("refundFen").longValue()).isEqualTo(1200);
    assertThat(d.getJsonNumber("linesDone").longValue()).isEqualTo(8);
    // fees: 0.6 % of each line, refunds negative, in 0.001 fen
    assertThat(d.getJsonNumber("feeMilliFen").longValue()).isEqualTo((3601 - 1100) * 6L);
    assertThat(d.getJsonObject("summary").getJsonNumber("paymentFen").longValue()).isEqualTo(3606);

    Map<String, Integer> types = byType(report);
    assertThat(types)
        .containsEntry("AMOUNT_MISMATCH", 1)
        .containsEntry("PAID_AT_WECHAT_ONLY", 2)
        .containsEntry("REFUND_MISSING", 2)
        .containsEntry("PAYDESK_ONLY", 0)
        .containsEntry("STATUS_MISMATCH", 0)
        .containsEntry("REFUND_MISMATCH", 0)
        .containsEntry("SUMMARY_MISMATCH", 3);
    List<JsonObject> found = items(report, "discrepancies");
    JsonObject repaired = only(found, "PAID_AT_WECHAT_ONLY", lost.outTradeNo());
    assertThat(repaired.getString("repair")).contains("repaired");
    assertThat(repaired.getString("resolvedBy")).isEqualTo("reconciliation");
    assertThat(only(found, "PAID_AT_WECHAT_ONLY", stranger).containsKey("resolvedAt")).isFalse();
    assertThat(only(found, "AMOUNT_MISMATCH", otherOutTradeNo).getInt("wechatFen")).isEqualTo(801);
    assertThat(found)
        .filteredOn(i -> "REFUND_MISSING".equals(i.getString("type")))
        .extracting(i -> i.getString("outRefundNo"))
        .containsExactlyInAnyOrder(r3, strangerRefund);
    // the lost notification was repaired through the normal transition
    assertThat(refunds.status(lost.orderNo())).isEqualTo("PAID");

    // the day's discrepancies as CSV for Excel (issue 17): one line each, after the BOM and header
    var csv = finance.get("api/reconciliation/" + day + "/discrepancies/export");
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition").get(0))
        .contains("discrepancies-" + mchId() + "-" + day + ".csv");
    assertThat(csv.body()).startsWith("\uFEFF编号,差异类型,").contains("8.01", otherOutTradeNo);
    assertThat(csv.body().split("\r\n")).hasSize(1 + found.size());
    assertThat(staff("SUPPORT").get("api/reconciliation/" + day + "/discrepancies/export").status())
        .isEqualTo(403);
    assertThat(finance.get("api/reconciliation/2019-01-01/discrepancies/export").status())
        .isEqualTo(404);

    // FINANCE resolves one with a note; ADMIN may look but not resolve; a note is required
    long amountId = only(found, "AMOUNT_MISMATCH", otherOutTradeNo).getJsonNumber("id").longValue();
    assertThat(
            admin
                .postJson(
                    "api/reconciliation/discrepancies/" + amountId + "/resolution",
                    "{\"note\":\"x\"}")
                .status())
        .isEqualTo(403);
    var noNote =
        finance.postJson("api/reconciliation/discrepancies/" + amountId + "/resolution", "{}");
    assertThat(noNote.status()).isEqualTo(400);
    assertThat(noNote.contentType()).contains("application/problem+json");
    var resolved =
        finance.postJson(
            "api/reconciliation/discrepancies/" + amountId + "/resolution",
            "{\"note\":\"WeChat support confirmed 8.00\"}");
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.json().getString("resolvedBy")).startsWith("finance-");
    assertThat(
            finance
                .postJson(
                    "api/reconciliation/discrepancies/" + amountId + "/resolution",
                    "{\"note\":\"again\"}")
                .status())
        .isEqualTo(409);

    // FINANCE resolves another on the console's page: a note is required there too
    long strangerId = only(found, "PAID_AT_WECHAT_ONLY", stranger).getJsonNumber("id").longValue();
    Console financePages = console("FINANCE");
    var page = financePages.get("admin/reconciliation/day.xhtml?date=" + day);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text())
        .contains(stranger, "AMOUNT_MISMATCH (1)", "PAID_AT_WECHAT_ONLY (2)", "¥8.01", "¥8.00");
    String marker = "data-discrepancy=\"" + strangerId + "\"";
    String note = page.button(marker, ":note");
    String resolve = page.button(marker, ":resolve");
    var noNoteOnPage = financePages.submit("day", resolve, Map.of(note, " "));
    assertThat(noNoteOnPage.text()).contains("write a note saying how it was resolved");
    assertThat(noNoteOnPage.html()).contains(marker);
    var onPage =
        financePages.submit(
            "day",
            noNoteOnPage.button(marker, ":resolve"),
            Map.of(
                noNoteOnPage.button(marker, ":note"),
                "not our shop's order; WeChat support informed"));
    assertThat(onPage.status()).isEqualTo(200);
    assertThat(onPage.text())
        .contains("Discrepancy " + strangerId + " marked resolved")
        .contains("not our shop's order; WeChat support informed")
        .doesNotContain("Exception");
    // ADMIN sees the day without a resolve button; SUPPORT is refused the pages and their forms
    var asAdmin = new Console(url, "admin", Deployments.ADMIN_PASSWORD);
    var adminPage = asAdmin.get("admin/reconciliation/day.xhtml?date=" + day);
    assertThat(adminPage.status()).isEqualTo(200);
    assertThat(adminPage.text()).contains(stranger, "FINANCE resolves");
    assertThat(adminPage.html()).doesNotContain(":resolve\"");
    Console support = console("SUPPORT");
    assertThat(support.get("admin/reconciliation/index.xhtml").status()).isEqualTo(403);
    assertThat(support.get("admin/reconciliation/day.xhtml?date=" + day).status()).isEqualTo(403);
    assertThat(
            support
                .post(
                    "admin/reconciliation/day.xhtml?date=" + day,
                    Map.of(
                        "day",
                        "day",
                        resolve,
                        "pressed",
                        note,
                        "forged",
                        "jakarta.faces.ViewState",
                        page.viewState()))
                .status())
        .isEqualTo(403);

    // the bill is right again; a rerun replaces the result and shows what was resolved since
    sandbox.bills().reset();
    var rerun = finance.post("api/reconciliation/" + day + "/runs");
    assertThat(rerun.status()).as(rerun.body()).isEqualTo(202);
    assertThat(rerun.json().getInt("runNo")).isEqualTo(2);
    JsonObject second = awaitCompleted(finance, day, 2);
    Map<String, Integer> now = byType(second);
    assertThat(now)
        .containsEntry("AMOUNT_MISMATCH", 0)
        .containsEntry("PAID_AT_WECHAT_ONLY", 1)
        .containsEntry("REFUND_MISSING", 1);
    // what staff resolved and is found again stays resolved
    JsonObject again = only(items(second, "discrepancies"), "PAID_AT_WECHAT_ONLY", stranger);
    assertThat(again.getInt("runNo")).isEqualTo(2);
    assertThat(again.getString("resolutionNote")).startsWith("not our shop's order");
    assertThat(again.getString("resolvedBy")).startsWith("finance-");
    assertThat(items(second, "resolvedSince"))
        .extracting(i -> i.getString("type"))
        .contains("AMOUNT_MISMATCH", "PAID_AT_WECHAT_ONLY", "REFUND_MISSING");
    JsonObject figures = second.getJsonObject("day");
    assertThat(figures.getJsonObject("paydesk").getJsonNumber("paymentFen").longValue())
        .isEqualTo(3600 - 700);
    assertThat(figures.getJsonObject("wechat").getJsonNumber("paymentFen").longValue())
        .isEqualTo(3600);

    try (var erp = new ErpEventConsumer(TestBroker.get().url(), PlatformOnH2IT.EVENTS)) {
      List<Received> events =
          erp.receiveUntil(
              e ->
                  "ReconciliationCompleted".equals(e.type())
                      && day.toString().equals(e.aggregateId())
                      && e.body().contains("\"runNo\":2"),
              WAIT);
      assertThat(events.get(events.size() - 1).body())
          .contains("\"discrepancyCount\":")
          .contains("\"paymentFen\":3600");
    }
  }

  @Test
  void theScheduleReconcilesYesterdayAndADayWithoutTradesIsSuccessWithZeroRows() {
    Http finance = staff("FINANCE");
    LocalDate yesterday = today().minusDays(1);
    JsonObject report = awaitCompleted(finance, yesterday, 1);
    JsonObject day = report.getJsonObject("day");
    assertThat(day.getString("requestedBy")).isEqualTo("schedule");
    assertThat(day.getBoolean("billEmpty")).isTrue();
    assertThat(day.getJsonNumber("linesDone").longValue()).isZero();
    assertThat(day.getJsonNumber("discrepancyCount").longValue()).isZero();
    assertThat(finance.get("api/reconciliation").body()).contains(yesterday.toString());
  }

  @Test
  void aBillNotReadyIsTriedAgainLater() {
    var sandbox = TestSandbox.get();
    LocalDate date = today().minusDays(2);
    sandbox.bills().notReady(date);
    Http finance = staff("FINANCE");
    assertThat(finance.post("api/reconciliation/" + date + "/runs").status()).isEqualTo(202);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonObject day =
                  finance.get("api/reconciliation/" + date).json().getJsonObject("day");
              assertThat(day.getString("status")).isEqualTo("WAITING");
              assertThat(day.getString("lastOutcome")).contains("Bill Creating");
            });
    sandbox.bills().ready(date);
    JsonObject report = awaitCompleted(finance, date, 1);
    assertThat(report.getJsonObject("day").getInt("tries")).isGreaterThan(1);
    assertThat(report.getJsonObject("day").getBoolean("billEmpty")).isTrue();
  }

  @Test
  void badDatesAndRolesAreRefusedAndChangeNothing() {
    Http finance = staff("FINANCE");
    String before = finance.get("api/reconciliation").body();
    for (String bad :
        List.of(
            "2026-13-01",
            "yesterday",
            today().plusDays(1).toString(),
            today().minusMonths(3).minusDays(1).toString())) {
      var answer = finance.post("api/reconciliation/" + bad + "/runs");
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.contentType()).contains("application/problem+json");
      assertThat(answer.json().getString("code")).isEqualTo("INVALID_REQUEST");
      assertThat(answer.json().getString("detail")).isNotBlank();
    }
    assertThat(finance.get("api/reconciliation/" + today().minusDays(40)).status()).isEqualTo(404);
    assertThat(anonymous.get("api/reconciliation").status()).isEqualTo(401);
    assertThat(staff("SUPPORT").post("api/reconciliation/" + today() + "/runs").status())
        .isEqualTo(403);
    // without a login the console's page is the login form
    assertThat(new Console(url, null, null).get("admin/reconciliation/index.xhtml").html())
        .contains("id=\"login\"")
        .doesNotContain("days_data");
    assertThat(finance.get("api/reconciliation").body()).isEqualTo(before);
  }

  @Test
  void theConsolePagesListTheDaysShowOneAndStartADate() {
    Http finance = staff("FINANCE");
    LocalDate yesterday = today().minusDays(1);
    awaitCompleted(finance, yesterday, 1);
    Console pages = console("FINANCE");
    var list = pages.get("admin/reconciliation/index.xhtml");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.html()).contains("id=\"nav-reconciliation\"", "ui-datatable");
    assertThat(list.text()).contains("Reconciliation", yesterday.toString(), "COMPLETED", "¥0.00");
    var detail = pages.get("admin/reconciliation/day.xhtml?date=" + yesterday);
    assertThat(detail.status()).isEqualTo(200);
    assertThat(detail.text()).contains("COMPLETED", "No Bill Exist", "AMOUNT_MISMATCH");
    var unknown = pages.get("admin/reconciliation/day.xhtml?date=nonsense");
    assertThat(unknown.status()).isEqualTo(200);
    assertThat(unknown.text()).contains("is not a date").doesNotContain("Exception");
    assertThat(pages.get("admin/reconciliation/day.xhtml?date=" + today().minusDays(50)).text())
        .contains("has not been reconciled");

    // start a date with the picker; one older than three months is refused with a message
    LocalDate date = today().minusDays(3);
    pages.get("admin/reconciliation/index.xhtml");
    var tooOld =
        pages.submit(
            "start",
            "start:run",
            Map.of("start:date_input", today().minusMonths(3).minusDays(2).toString()));
    assertThat(tooOld.text()).contains("three months").doesNotContain("queued");
    var started = pages.submit("start", "start:run", Map.of("start:date_input", date.toString()));
    assertThat(started.text()).contains("Reconciliation of " + date + " queued (run 1)");
    JsonObject report = awaitCompleted(finance, date, 1);
    assertThat(report.getJsonObject("day").getString("requestedBy")).startsWith("finance-");
    assertThat(pages.get("admin/reconciliation/index.xhtml").text()).contains(date.toString());
  }

  private static JsonObject only(List<JsonObject> items, String type, String outTradeNo) {
    return items.stream()
        .filter(
            i ->
                type.equals(i.getString("type"))
                    && outTradeNo.equals(i.getString("outTradeNo", "")))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + type + " for " + outTradeNo + " in " + items));
  }

  String attemptOf(String orderNo) {
    return payments
        .order(orderNo)
        .getJsonArray("attempts")
        .getJsonObject(0)
        .getString("outTradeNo");
  }
}
