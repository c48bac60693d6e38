package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static io.paydesk.sandbox.UnifiedOrderTest.assertErr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.wechatpay.client.RefundQueryResponse;
import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.RefundResponse;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.sign.SignType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** refund and refundquery: the rules. (Outcomes and notifications: RefundOutcomeTest.) */
class RefundTest {
  static final MutableClock CLOCK = new MutableClock();
  static SandboxServer sandbox;
  static WeChatPayClient a;
  static WeChatPayClient b;

  @BeforeAll
  static void start() {
    sandbox =
        sandbox()
            .clock(CLOCK)
            .refundDelay(Duration.ofMillis(300))
            .refundMinInterval(Duration.ZERO)
            .build()
            .start();
    a = clientA(sandbox);
    b = clientB(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static String paidOrder(WeChatPayClient client, String mchId, long fee) {
    return paidOrderIn(sandbox, client, mchId, fee);
  }

  static String paidOrderIn(SandboxServer s, WeChatPayClient client, String mchId, long fee) {
    String no = outTradeNo();
    client.unifiedOrder(order(no, fee, "https://shop.example.com/n")).orElseThrow();
    s.pay(s.prepayId(mchId, no));
    return no;
  }

  @Test
  void aRefundIsAcceptedProcessingThenSucceeds() {
    String no = paidOrder(a, MCH_A, 1000);
    RefundResponse r =
        a.refund(new RefundRequest(no, "R" + no, 1000, 300, "size", null, null)).orElseThrow();
    assertThat(r.refundId()).startsWith("5030");
    assertThat(r.refundFee()).isEqualTo(300);
    assertThat(r.totalFee()).isEqualTo(1000);
    assertThat(a.queryRefund("R" + no).orElseThrow().find("R" + no).orElseThrow().status())
        .isEqualTo(RefundStatus.PROCESSING);
    assertThat(a.queryOrder(no).orElseThrow().fields()).containsEntry("trade_state", "REFUND");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              RefundQueryResponse.Refund done =
                  a.queryRefund("R" + no).orElseThrow().refunds().get(0);
              assertThat(done.status()).isEqualTo(RefundStatus.SUCCESS);
              assertThat(done.successTime()).isNotNull();
            });
  }

  @Test
  void aRetryWithTheSameOutRefundNoReturnsTheSameRefundAndDifferentAmountsAreRefused() {
    String no = paidOrder(a, MCH_A, 1000);
    RefundRequest request = new RefundRequest(no, "R" + no, 1000, 400, null, null, null);
    RefundResponse first = a.refund(request).orElseThrow();
    RefundResponse again = a.refund(request).orElseThrow();
    assertThat(again.refundId()).isEqualTo(first.refundId());
    assertThat(a.queryRefundsOfOrder(no).orElseThrow().refunds()).hasSize(1);
    assertErr(
        a.refund(new RefundRequest(no, "R" + no, 1000, 401, null, null, null)), "INVALID_REQUEST");
    assertThat(sandbox.balance(MCH_A)[0]).isGreaterThanOrEqualTo(0);
  }

  @Test
  void onlyPaidOrdersAreRefunded() {
    String unpaid = outTradeNo();
    a.unifiedOrder(order(unpaid, 100, "https://shop.example.com/n")).orElseThrow();
    assertErr(
        a.refund(new RefundRequest(unpaid, "R" + unpaid, 100, 10, null, null, null)),
        "ORDERNOTEXIST");
    assertErr(
        a.refund(new RefundRequest("NEVER" + unpaid, "Q" + unpaid, 100, 10, null, null, null)),
        "ORDERNOTEXIST");
  }

  @Test
  void refundsNeverExceedTheTotalAndTheTotalMustMatchTheOrder() {
    String no = paidOrder(a, MCH_A, 1000);
    assertErr(
        a.refund(new RefundRequest(no, "W" + no, 999, 10, null, null, null)), "INVALID_REQUEST");
    a.refund(new RefundRequest(no, "X" + no, 1000, 600, null, null, null)).orElseThrow();
    assertErr(a.refund(new RefundRequest(no, "Y" + no, 1000, 401, null, null, null)), "ERROR");
    a.refund(new RefundRequest(no, "Z" + no, 1000, 400, null, null, null)).orElseThrow();
    assertThat(a.queryRefundsOfOrder(no).orElseThrow().refunds())
        .extracting(RefundQueryResponse.Refund::refundFee)
        .containsExactly(600L, 400L);
  }

  @Test
  void atMostFiftyRefundsPerOrder() throws Exception {
    String no = paidOrder(a, MCH_A, 100);
    for (int i = 0; i < 50; i++) {
      a.refund(new RefundRequest(no, no + "-" + i, 100, 1, null, null, null)).orElseThrow();
    }
    assertErr(a.refund(new RefundRequest(no, no + "-50", 100, 1, null, null, null)), "ERROR");
    // by order, WeChat lists 10 refunds per page with total_refund_count; offset pages on
    RefundQueryResponse page = a.queryRefundsOfOrder(no).orElseThrow();
    assertThat(page.refunds()).hasSize(10);
    assertThat(page.fields()).containsEntry("total_refund_count", "50");
    assertThat(page.refunds().get(0).outRefundNo()).isEqualTo(no + "-0");
    Map<String, String> last =
        raw(
            sandbox,
            "/pay/refundquery",
            Map.of(
                "appid",
                APP_A,
                "mch_id",
                MCH_A,
                "nonce_str",
                "n",
                "out_trade_no",
                no,
                "offset",
                "45"),
            KEY_A,
            SignType.MD5);
    assertThat(last)
        .containsEntry("refund_count", "5")
        .containsEntry("out_refund_no_0", no + "-45");
    Map<String, String> beyond =
        raw(
            sandbox,
            "/pay/refundquery",
            Map.of(
                "appid",
                APP_A,
                "mch_id",
                MCH_A,
                "nonce_str",
                "n",
                "out_trade_no",
                no,
                "offset",
                "50"),
            KEY_A,
            SignType.MD5);
    assertThat(beyond).containsEntry("err_code", "PARAM_ERROR");
    // by refund_id, which takes precedence over out_refund_no
    Map<String, String> byId =
        raw(
            sandbox,
            "/pay/refundquery",
            Map.of(
                "appid",
                APP_A,
                "mch_id",
                MCH_A,
                "nonce_str",
                "n",
                "refund_id",
                page.refunds().get(3).refundId(),
                "out_refund_no",
                no + "-0"),
            KEY_A,
            SignType.MD5);
    assertThat(byId).containsEntry("refund_count", "1").containsEntry("out_refund_no_0", no + "-3");
  }

  @Test
  void notenoughWhenUnsettledFundsDoNotCoverItThenRechargeFundsWithTheSameOutRefundNo() {
    String no = paidOrder(b, MCH_B, 5000);
    sandbox.setBalance(MCH_B, 100L, 10_000L);
    RefundRequest unsettled = new RefundRequest(no, "N" + no, 5000, 2000, null, null, null);
    assertErr(b.refund(unsettled), "NOTENOUGH");
    RefundRequest recharge =
        new RefundRequest(no, "N" + no, 5000, 2000, null, "REFUND_SOURCE_RECHARGE_FUNDS", null);
    RefundResponse r = b.refund(recharge).orElseThrow();
    assertThat(r.fields()).containsEntry("out_refund_no", "N" + no);
    assertThat(sandbox.balance(MCH_B)).containsExactly(100L, 8_000L);
    sandbox.setBalance(MCH_B, null, 0L);
    assertErr(
        b.refund(
            new RefundRequest(no, "M" + no, 5000, 10, null, "REFUND_SOURCE_RECHARGE_FUNDS", null)),
        "NOTENOUGH");
    sandbox.setBalance(MCH_B, 1_000_000L, 1_000_000L);
  }

  @Test
  void aPaymentAddsToTheUnsettledFunds() {
    long before = sandbox.balance(MCH_A)[0];
    paidOrder(a, MCH_A, 777);
    assertThat(sandbox.balance(MCH_A)[0]).isEqualTo(before + 777);
  }

  @Test
  void unknownRefundsAreRefundnotexist() {
    assertErr(a.queryRefund("NO-SUCH-REFUND"), "REFUNDNOTEXIST");
    String no = paidOrder(a, MCH_A, 100);
    assertErr(a.queryRefundsOfOrder(no), "REFUNDNOTEXIST");
    assertErr(a.queryRefundsOfOrder("NEVER-" + no), "REFUNDNOTEXIST");
  }
}
