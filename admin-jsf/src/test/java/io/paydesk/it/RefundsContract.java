package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.ErpEventConsumer.Received;
import io.paydesk.sandbox.RefundOutcome;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Refunds on the real stack against the sandbox: submitted with the merchant's client certificate,
 * decided only by WeChat's refund notification. Refunds below 1,000 yuan are approved automatically
 * in these deployments.
 */
abstract class RefundsContract {

  static final Duration WAIT = Duration.ofSeconds(45);
  final PaymentsContract payments = new PaymentsContract() {};
  final Http http = payments.http;

  /** An order paid at the sandbox (WeChat has the money): its order number. */
  String paidOrder(long amount) {
    PaymentsContract.Paying paying = payments.newPayingOrder(amount, null);
    TestSandbox.get().pay(paying.prepayId());
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(status(paying.orderNo())).isEqualTo("PAID"));
    return paying.orderNo();
  }

  String status(String orderNo) {
    return payments.order(orderNo).getString("status");
  }

  Http.Answer requestRefund(String orderNo, long amount, String requestId) {
    return http.postJson(
        "api/orders/" + orderNo + "/refunds",
        "{\"amount\":" + amount + ",\"reason\":\"damaged\",\"requestId\":\"" + requestId + "\"}");
  }

  JsonObject refund(String outRefundNo) {
    var answer = http.get("api/refunds/" + outRefundNo);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /**
   * The refund's last outcome comes to mention {@code reason}, and it stays APPROVED (waiting to be
   * sent) for a few seconds more.
   */
  void awaitWaitingApproved(String outRefundNo, String reason) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(refund(outRefundNo).getString("lastOutcome", ""))
                    .containsIgnoringCase(reason));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(refund(outRefundNo).getString("status")).isEqualTo("APPROVED"));
  }

  void awaitRefundStatus(String outRefundNo, String expected) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(refund(outRefundNo).getString("status")).isEqualTo(expected));
  }

  @Test
  void partialThenFullRefundsAreRefundedByWeChatAndTheOrderFollows() {
    String orderNo = paidOrder(1000);

    var first = requestRefund(orderNo, 300, "r-" + UUID.randomUUID());
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    String firstNo = first.json().getString("outRefundNo");
    awaitRefundStatus(firstNo, "REFUNDED");
    assertThat(status(orderNo)).isEqualTo("PARTIALLY_REFUNDED");

    var second = requestRefund(orderNo, 700, "r-" + UUID.randomUUID());
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    awaitRefundStatus(second.json().getString("outRefundNo"), "REFUNDED");
    assertThat(status(orderNo)).isEqualTo("REFUNDED");

    JsonObject done = refund(firstNo);
    assertThat(done.getString("refundId")).isNotBlank();
    assertThat(done.getJsonArray("history").toString()).contains("PROCESSING", "REFUNDED");
    assertThat(requestRefund(orderNo, 1, "r-" + UUID.randomUUID()).status()).isEqualTo(409);
    try (var erp = new ErpEventConsumer(TestBroker.get().url(), PlatformOnH2IT.EVENTS)) {
      List<Received> events =
          erp.receiveUntil(
              e ->
                  orderNo.equals(e.aggregateId())
                      && e.body().contains(firstNo)
                      && "RefundSucceeded".equals(e.type()),
              WAIT);
      assertThat(events).extracting(Received::type).contains("RefundRequested", "RefundApproved");
    }
  }

  @Test
  void theSameRequestIdIsTheSameRefundAndAnotherBodyIsAConflict() {
    String orderNo = paidOrder(500);
    String requestId = "r-" + UUID.randomUUID();

    var first = requestRefund(orderNo, 100, requestId);
    var again = requestRefund(orderNo, 100, requestId);
    var other = requestRefund(orderNo, 101, requestId);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.json().getString("outRefundNo"))
        .isEqualTo(first.json().getString("outRefundNo"));
    assertThat(other.status()).isEqualTo(409);
    var listed = http.get("api/orders/" + orderNo + "/refunds");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body())
        .contains(first.json().getString("outRefundNo"))
        .doesNotContain("\"amount\":101");
  }

  @Test
  void twentyConcurrentRequestsThatTogetherExceedThePaymentAdmitExactlyOne() throws Exception {
    String orderNo = paidOrder(1000);
    HttpClient client = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        String body =
            "{\"amount\":600,\"reason\":\"race\",\"requestId\":\"race-"
                + i
                + "-"
                + UUID.randomUUID()
                + "\"}";
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                    return client
                        .send(
                            HttpRequest.newBuilder(
                                    URI.create(payments.url + "api/orders/" + orderNo + "/refunds"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + Deployments.API_KEY)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                pool));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (var answer : answers) {
        statuses.add(answer.get());
      }
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
    } finally {
      pool.shutdownNow();
    }
    var listed = http.get("api/orders/" + orderNo + "/refunds").body();
    assertThat(listed.split("\"outRefundNo\"").length - 1).isEqualTo(1);
  }

  @Test
  void aBankCardRefundThatFailsOrAClosedRefundEndsFailed() {
    var sandbox = TestSandbox.get();
    sandbox.addRefundOutcomeRule(TestSandbox.MCH_ID, 777, 777, RefundOutcome.CHANGE);
    sandbox.addRefundOutcomeRule(TestSandbox.MCH_ID, 778, 778, RefundOutcome.REFUNDCLOSE);
    String orderNo = paidOrder(2000);

    String change =
        requestRefund(orderNo, 777, "r-" + UUID.randomUUID()).json().getString("outRefundNo");
    awaitRefundStatus(change, "FAILED");
    String closed =
        requestRefund(orderNo, 778, "r-" + UUID.randomUUID()).json().getString("outRefundNo");
    awaitRefundStatus(closed, "FAILED");

    assertThat(refund(change).toString()).containsIgnoringCase("manual");
    // failed refunds do not count against what can still be refunded
    assertThat(status(orderNo)).isEqualTo("PAID");
    var full = requestRefund(orderNo, 2000, "r-" + UUID.randomUUID());
    assertThat(full.status()).as(full.body()).isEqualTo(201);
  }

  @Test
  void aLostRefundNotificationIsResolvedByTheJanitor() {
    var sandbox = TestSandbox.get();
    String orderNo = paidOrder(900);
    try {
      sandbox.faults().notifyDropRate(1.0);
      String outRefundNo =
          requestRefund(orderNo, 900, "r-" + UUID.randomUUID()).json().getString("outRefundNo");

      awaitRefundStatus(outRefundNo, "REFUNDED");
      assertThat(status(orderNo)).isEqualTo("REFUNDED");
    } finally {
      sandbox.faults().reset();
    }
  }

  @Test
  void unsettledFundsTooLowForARefundStopItAsFailedWithWhatStaffCanDo() {
    var sandbox = TestSandbox.get();
    String orderNo = paidOrder(1200);
    long[] before = sandbox.balance(TestSandbox.MCH_ID);
    try {
      sandbox.setBalance(TestSandbox.MCH_ID, 0L, before[1]);
      String outRefundNo =
          requestRefund(orderNo, 1200, "r-" + UUID.randomUUID()).json().getString("outRefundNo");

      awaitRefundStatus(outRefundNo, "FAILED");
      JsonObject failed = refund(outRefundNo);
      assertThat(failed.toString()).contains("NOTENOUGH");
      assertThat(failed.toString()).containsIgnoringCase("top up");
      assertThat(status(orderNo)).isEqualTo("PAID");
    } finally {
      sandbox.setBalance(TestSandbox.MCH_ID, before[0], before[1]);
    }
  }

  static final String STAFF_PASSWORD = "staff-" + UUID.randomUUID();

  /** Finance (two people) and support, created once per deployment by the first administrator. */
  Http staff(String user) {
    Http admin = http.as("admin", Deployments.ADMIN_PASSWORD);
    for (String[] account :
        new String[][] {{"fin.one", "FINANCE"}, {"fin.two", "FINANCE"}, {"sup.one", "SUPPORT"}}) {
      var created =
          admin.postJson(
              "api/staff/users",
              "{\"username\":\""
                  + account[0]
                  + "\",\"password\":\""
                  + STAFF_PASSWORD
                  + "\",\"roles\":[\""
                  + account[1]
                  + "\"]}");
      assertThat(created.status()).as(created.body()).isIn(200, 409);
    }
    return http.as(user, STAFF_PASSWORD);
  }

  long refundCallsAtWeChat(String outRefundNo) {
    return TestSandbox.get().callLog().last(10_000).stream()
        .filter(
            e -> e.target().contains("/secapi/pay/refund") && e.reference().contains(outRefundNo))
        .count();
  }

  @Test
  void staffApproveWithTheirRoleAndFourEyesNeedsTwoDifferentApprovers() {
    String orderNo = paidOrder(200_000);
    String outRefundNo =
        requestRefund(orderNo, 150_000, "r-" + UUID.randomUUID()).json().getString("outRefundNo");
    assertThat(refund(outRefundNo).getString("status")).isEqualTo("PENDING_APPROVAL");
    String approval = "api/staff/refunds/" + outRefundNo + "/approval";

    assertThat(http.anonymous().postJson(approval, "{}").status()).isEqualTo(401);
    assertThat(http.as("fin.one", "wrong-password-123").postJson(approval, "{}").status())
        .isEqualTo(401);
    assertThat(staff("sup.one").postJson(approval, "{}").status()).isEqualTo(403);
    assertThat(staff("fin.one").postJson(approval, "{}").json().getString("status"))
        .isEqualTo("PENDING_SECOND_APPROVAL");
    var sameAgain = staff("fin.one").postJson(approval, "{}");
    assertThat(sameAgain.status()).isEqualTo(409);
    assertThat(refund(outRefundNo).getString("status")).isEqualTo("PENDING_SECOND_APPROVAL");
    assertThat(refundCallsAtWeChat(outRefundNo)).isZero();

    staff("fin.two").postJson(approval, "{}");

    awaitRefundStatus(outRefundNo, "REFUNDED");
    assertThat(refund(outRefundNo).getJsonArray("history").toString())
        .contains("fin.one", "fin.two");
    assertThat(refundCallsAtWeChat(outRefundNo)).isEqualTo(1);
  }

  @Test
  void aDoubleApprovalSendsOneRefundToWeChat() throws Exception {
    String orderNo = paidOrder(60_000);
    String outRefundNo =
        requestRefund(orderNo, 50_000, "r-" + UUID.randomUUID()).json().getString("outRefundNo");
    String approval = "api/staff/refunds/" + outRefundNo + "/approval";
    Http one = staff("fin.one");
    Http two = staff("fin.two");

    var first = CompletableFuture.supplyAsync(() -> one.postJson(approval, "{}").status());
    var second = CompletableFuture.supplyAsync(() -> two.postJson(approval, "{}").status());
    assertThat(List.of(first.get(), second.get())).allMatch(s -> s == 200 || s == 409);

    awaitRefundStatus(outRefundNo, "REFUNDED");
    assertThat(refundCallsAtWeChat(outRefundNo)).isEqualTo(1);
  }

  @Test
  void aRejectionNeedsAReasonAndNothingGoesToWeChat() {
    String orderNo = paidOrder(30_000);
    String outRefundNo =
        requestRefund(orderNo, 20_000, "r-" + UUID.randomUUID()).json().getString("outRefundNo");
    String rejection = "api/staff/refunds/" + outRefundNo + "/rejection";

    assertThat(staff("fin.one").postJson(rejection, "{}").status()).isEqualTo(400);
    assertThat(staff("sup.one").postJson(rejection, "{\"reason\":\"no\"}").status()).isEqualTo(403);
    var rejected =
        staff("fin.one").postJson(rejection, "{\"reason\":\"the parcel came back unopened\"}");

    assertThat(rejected.json().getString("status")).isEqualTo("REJECTED");
    assertThat(refund(outRefundNo).getJsonArray("history").toString())
        .contains("unopened", "fin.one");
    assertThat(refundCallsAtWeChat(outRefundNo)).isZero();
    // a rejected refund does not count: the whole amount can still be refunded
    assertThat(requestRefund(orderNo, 30_000, "r-" + UUID.randomUUID()).status()).isEqualTo(201);
  }

  @Test
  void refundsOfUnpaidOrdersAndForgedRefundNotificationsAreRefused() {
    String orderNo = PlatformOnH2IT.newOrderNo();
    assertThat(http.postJson("api/orders", Http.order(orderNo, 100)).status()).isEqualTo(201);
    var unpaid = requestRefund(orderNo, 50, "r-" + UUID.randomUUID());
    assertThat(unpaid.status()).isEqualTo(409);
    assertThat(unpaid.json().getString("code")).isEqualTo("REFUND_NOT_ALLOWED");

    String forged =
        "<xml><return_code>SUCCESS</return_code><appid>"
            + TestSandbox.APP_ID
            + "</appid><mch_id>"
            + TestSandbox.MCH_ID
            + "</mch_id><nonce_str>x</nonce_str><req_info>bm90IGVuY3J5cHRlZA==</req_info></xml>";
    assertThat(http.postXml("api/wechat/notify/refund", forged).body())
        .contains(PaymentsContract.FAIL);
    String doctype =
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><req_info>&x;</req_info></xml>";
    assertThat(http.postXml("api/wechat/notify/refund", doctype).body())
        .contains(PaymentsContract.FAIL);
  }
}
