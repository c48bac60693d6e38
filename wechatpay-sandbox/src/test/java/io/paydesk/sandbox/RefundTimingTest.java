package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static io.paydesk.sandbox.UnifiedOrderTest.assertErr;

import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.WeChatPayClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The time rules of refunds, with WeChat's default interval and a movable clock. */
class RefundTimingTest {
  static final MutableClock CLOCK = new MutableClock();
  static SandboxServer sandbox;
  static WeChatPayClient a;

  @BeforeAll
  static void start() {
    sandbox = sandbox().clock(CLOCK).refundMinInterval(Duration.ofMinutes(1)).build().start();
    a = clientA(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void twoRefundsOfOneOrderLessThanAMinuteApartAreFrequencyLimited() {
    String no = RefundTest.paidOrderIn(sandbox, a, MCH_A, 1000);
    a.refund(new RefundRequest(no, "F1" + no, 1000, 100, null, null, null)).orElseThrow();
    CLOCK.advance(Duration.ofSeconds(59));
    assertErr(
        a.refund(new RefundRequest(no, "F2" + no, 1000, 100, null, null, null)),
        "FREQUENCY_LIMITED");
    CLOCK.advance(Duration.ofSeconds(1));
    a.refund(new RefundRequest(no, "F2" + no, 1000, 100, null, null, null)).orElseThrow();
  }

  @Test
  void ordersOlderThanAYearAreTradeOverdue() {
    String no = RefundTest.paidOrderIn(sandbox, a, MCH_A, 1000);
    CLOCK.advance(Duration.ofDays(366));
    assertErr(
        a.refund(new RefundRequest(no, "O" + no, 1000, 100, null, null, null)), "TRADE_OVERDUE");
  }
}
