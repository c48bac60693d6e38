package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Staff notices on the real stack (#17): a paid order sends one WeCom group-robot alert (Chinese,
 * the phone masked) and prints one ticket on the Feieyun printer (the phone whole), both through
 * the notice relay; while the robot is down the alert waits and goes out once when it is back; an
 * event switched off sends nothing; staff reprint from the order page, which shows the print
 * history with the printer's answers, and the reprint is audited. Both channels are {@link
 * TestNoticeChannels}, over HTTPS with a CA PayDesk is told to trust.
 */
@ExtendWith(ArquillianExtension.class)
class AlertsAndPrintingIT {

  static final Duration WAIT = Duration.ofSeconds(60);

  /** A refund of this many fen fails at the sandbox with CHANGE (a fee no other test uses). */
  static final long CHANGE_FEE = 791;

  static final String DELIVERY =
      "{\"recipientName\":\"李四\",\"phone\":\"13912345678\",\"province\":\"浙江省\","
          + "\"city\":\"杭州市\",\"district\":\"西湖区\",\"street\":\"文三路 90 号\","
          + "\"note\":\"工作日送达\"}";

  final RefundsContract refunds = new RefundsContract() {};
  final PaymentsContract payments = refunds.payments;
  final Http http = payments.http;

  @Deployment(testable = false)
  static WebArchive deployment() {
    Map<String, String> settings = new java.util.HashMap<>(TestNoticeChannels.get().settings());
    // the refund waiting for approval is switched off here
    settings.put(
        "paydesk.alerts.wecom.events", "order-paid,refund-failed,reconciliation-discrepancy");
    return Deployments.paydesk(Deployments.Database.H2, settings);
  }

  static TestNoticeChannels channels() {
    return TestNoticeChannels.get();
  }

  @AfterEach
  void channelsUp() {
    channels().wecom(TestNoticeChannels.Mode.UP);
    channels().feieyun(TestNoticeChannels.Mode.UP);
  }

  @Test
  void aPaidOrderSendsOneAlertWithTheMaskedPhoneAndPrintsOneTicket() {
    String orderNo = paidOrderWithDelivery(19999);

    await()
        .atMost(WAIT)
        .until(() -> !messagesOf(orderNo).isEmpty() && !printsOf(orderNo).isEmpty());
    String alert = messagesOf(orderNo).get(0);
    assertThat(alert)
        .contains("新订单已支付", orderNo, "¥199.99", "浙江省 杭州市 西湖区", "139****5678")
        .doesNotContain("13912345678", "文三路");
    TestNoticeChannels.Print ticket = printsOf(orderNo).get(0);
    assertThat(ticket.sn()).isEqualTo(TestNoticeChannels.FEIEYUN_SN);
    assertThat(ticket.content())
        .startsWith("<CB>")
        .contains("订单号：" + orderNo, "合计：¥199.99", "李四 13912345678", "文三路 90 号", "工作日送达")
        .contains("T恤", "1 × ¥199.99")
        .endsWith("<CUT>");
    // one of each, also a little later
    sleep(Duration.ofSeconds(3));
    assertThat(messagesOf(orderNo)).hasSize(1);
    assertThat(printsOf(orderNo)).hasSize(1);
  }

  @Test
  void whileTheRobotIsDownTheAlertWaitsAndGoesOutOnceItIsBack() {
    channels().wecom(TestNoticeChannels.Mode.DOWN);
    String orderNo = paidOrderWithDelivery(2990);

    // tried (HTTP 503) and tried again on the backoff; the ticket printed meanwhile
    await()
        .atMost(WAIT)
        .until(
            () -> channels().wecomCalls().stream().filter(b -> b.contains(orderNo)).count() >= 2);
    assertThat(messagesOf(orderNo)).isEmpty();
    await().atMost(WAIT).until(() -> printsOf(orderNo).size() == 1);

    channels().wecom(TestNoticeChannels.Mode.UP);
    await().atMost(WAIT).until(() -> messagesOf(orderNo).size() == 1);
    sleep(Duration.ofSeconds(4));
    assertThat(messagesOf(orderNo)).hasSize(1);
  }

  @Test
  void aRefundWaitingForApprovalSendsNothingWhenItsEventIsSwitchedOff() {
    String orderNo = paidOrderWithDelivery(30000);
    await().atMost(WAIT).until(() -> messagesOf(orderNo).size() == 1);
    // above the automatic approval (100 yuan in the tests): it waits for finance
    var requested = refunds.requestRefund(orderNo, 15000, "r-" + UUID.randomUUID());
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    String outRefundNo = requested.json().getString("outRefundNo");
    assertThat(refunds.refund(outRefundNo).getString("status")).isEqualTo("PENDING_APPROVAL");

    // a later alert goes out, and the refund's never did: the relay sends in order
    String later = paidOrderWithDelivery(100);
    await().atMost(WAIT).until(() -> messagesOf(later).size() == 1);
    assertThat(channels().wecomCalls()).noneMatch(b -> b.contains(outRefundNo));
  }

  @Test
  void aRefundTheBuyersBankRefusedAlertsTheGroup() {
    TestSandbox.get()
        .addRefundOutcomeRule(
            TestSandbox.MCH_ID, CHANGE_FEE, CHANGE_FEE, io.paydesk.sandbox.RefundOutcome.CHANGE);
    String orderNo = paidOrderWithDelivery(5000);
    // below the automatic approval: sent to WeChat at once, which fails it (CHANGE)
    var requested = refunds.requestRefund(orderNo, CHANGE_FEE, "r-" + UUID.randomUUID());
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    String outRefundNo = requested.json().getString("outRefundNo");

    await().atMost(WAIT).until(() -> messagesOf(outRefundNo).size() == 1);
    assertThat(refunds.refund(outRefundNo).getString("status")).isEqualTo("FAILED");
    assertThat(messagesOf(outRefundNo).get(0)).contains("退款失败", orderNo, "¥7.91");
  }

  @Test
  void staffReprintFromTheOrderPageWhichShowsThePrintHistoryAndTheReprintIsAudited() {
    String orderNo = paidOrderWithDelivery(1200);
    await().atMost(WAIT).until(() -> printsOf(orderNo).size() == 1);
    String firstPrintId = printsOf(orderNo).get(0).printId();

    refunds.staff("sup.one");
    Console support = new Console(payments.url, "sup.one", RefundsContract.STAFF_PASSWORD);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(support.get("admin/orders/order.xhtml?no=" + orderNo).text())
                    .contains("Printed tickets", "Automatic (paid)", "Sent to the printer")
                    .contains(firstPrintId, "ret=0 msg=ok"));

    // the printer refuses the reprint: the page says so, with the printer's words
    channels().feieyun(TestNoticeChannels.Mode.REFUSING);
    var reprinted = support.submit("printing-actions", "printing-actions:reprint", Map.of());
    assertThat(reprinted.text())
        .contains("The ticket of order " + orderNo + " goes to the printer.");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(support.get("admin/orders/order.xhtml?no=" + orderNo).text())
                    .contains("sup.one", "Refused", "ret=1002"));

    // printed again once the printer takes it
    channels().feieyun(TestNoticeChannels.Mode.UP);
    support.get("admin/orders/order.xhtml?no=" + orderNo);
    support.submit("printing-actions", "printing-actions:reprint", Map.of());
    await().atMost(WAIT).until(() -> printsOf(orderNo).size() == 2);
    assertThat(printsOf(orderNo).get(1).content()).contains("李四 13912345678");

    // a member of finance sees the history but has no reprint button
    refunds.staff("fin.one");
    Console finance = new Console(payments.url, "fin.one", RefundsContract.STAFF_PASSWORD);
    var seen = finance.get("admin/orders/order.xhtml?no=" + orderNo);
    assertThat(seen.text()).contains("Printed tickets", "sup.one");
    assertThat(seen.html()).doesNotContain("printing-actions:reprint");

    Console admin = new Console(payments.url, "admin", Deployments.ADMIN_PASSWORD);
    admin.get("admin/audit.xhtml");
    var audit =
        admin.submit(
            "audit",
            "audit:search",
            Map.of("audit:actor", "sup.one", "audit:action", "order.ticket.reprint"));
    assertThat(audit.text()).contains("order.ticket.reprint", orderNo);
  }

  private List<String> messagesOf(String orderNo) {
    return channels().messages().stream().filter(m -> m.contains(orderNo)).toList();
  }

  private List<TestNoticeChannels.Print> printsOf(String orderNo) {
    return channels().prints().stream().filter(p -> p.content().contains(orderNo)).toList();
  }

  private String paidOrderWithDelivery(long amount) {
    String orderNo = PlatformOnH2IT.newOrderNo();
    var created =
        http.postJson(
            "api/orders",
            "{\"orderNo\":\""
                + orderNo
                + "\",\"openid\":\"o-buyer\",\"amount\":"
                + amount
                + ",\"description\":\"T恤\","
                + "\"items\":[{\"sku\":\"A1\",\"name\":\"T恤\",\"quantity\":1,\"unitPrice\":"
                + amount
                + "}],\"delivery\":"
                + DELIVERY
                + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    var answer = new AtomicReference<Http.Answer>();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              answer.set(http.postJson("api/orders/" + orderNo + "/payment", "{}"));
              assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
            });
    String prepayId =
        answer
            .get()
            .json()
            .getJsonObject("requestPayment")
            .getString("package")
            .substring("prepay_id=".length());
    TestSandbox.get().pay(prepayId);
    await().atMost(WAIT).untilAsserted(() -> assertThat(refunds.status(orderNo)).isEqualTo("PAID"));
    return orderNo;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
