package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static io.paydesk.sandbox.UnifiedOrderTest.assertErr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.sign.SignType;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every fault switch, seen through the library's client and a notify receiver. */
class FaultInjectionTest {
  static SandboxServer sandbox;
  static WeChatPayClient a;

  @BeforeAll
  static void start() {
    sandbox = sandbox().build().start();
    a = clientA(sandbox);
  }

  @AfterEach
  void reset() {
    sandbox.faults().reset();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void systemErrorRateOneAnswersSystemerrorSignedAndResetHeals() {
    sandbox.faults().systemErrorRate(1.0);
    assertErr(a.queryOrder("ANY"), "SYSTEMERROR");
    sandbox.faults().reset();
    assertErr(a.queryOrder("ANY"), "ORDERNOTEXIST");
  }

  @Test
  void resetRateOneDropsTheConnectionSoTheOutcomeIsUnknown() {
    sandbox.faults().resetRate(1.0);
    CallResult<?> r = a.queryOrder("ANY");
    assertThat(r).isInstanceOf(CallResult.Unknown.class);
  }

  @Test
  void latencyBeyondTheClientsTimeoutIsATimeout() {
    WeChatPayClient impatient =
        new WeChatPayClient(
            config(
                sandbox,
                clientMerchant(APP_A, MCH_A, KEY_A, SignType.MD5),
                null,
                Duration.ofSeconds(2)));
    // open the kept-alive connection first: on a loaded machine a TLS handshake that outlasts the
    // request timeout is reported by the JDK as a connect timeout (NotSent), which is not this case
    for (int i = 0; i < 5 && impatient.queryOrder("ANY") instanceof CallResult.NotSent; i++) {
      // try again
    }
    sandbox.faults().latency(Duration.ofSeconds(4));
    CallResult<?> r = impatient.queryOrder("ANY");
    assertThat(r).isInstanceOf(CallResult.Unknown.class);
    assertThat(((CallResult.Unknown<?>) r).reason()).isEqualTo(CallResult.UnknownReason.TIMEOUT);
  }

  @Test
  void secapiDownAnswers503OnlyOnSecapiForThePeriod() {
    sandbox.faults().secapiDownFor(Duration.ofMinutes(1));
    CallResult<?> refund = a.refund(new RefundRequest("ANY", "RANY", 100, 1, null, null, null));
    assertThat(refund).isInstanceOf(CallResult.Unknown.class);
    assertThat(((CallResult.Unknown<?>) refund).reason())
        .isEqualTo(CallResult.UnknownReason.HTTP_STATUS);
    assertErr(a.queryOrder("ANY"), "ORDERNOTEXIST");
    sandbox.faults().secapiDownFor(Duration.ZERO);
    assertErr(
        a.refund(new RefundRequest("ANY", "RANY", 100, 1, null, null, null)), "ORDERNOTEXIST");
  }

  @Test
  void droppedNotificationsAreRetriedOnTheScheduleAndArriveOnceTheFaultEnds() throws Exception {
    try (NotifyReceiver receiver = new NotifyReceiver(0)) {
      sandbox.faults().notifyDropRate(1.0);
      String no = outTradeNo();
      sandbox.pay(a.unifiedOrder(order(no, 100, receiver.url("n"))).orElseThrow().prepayId());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  sandbox.callLog().last(1000).stream()
                          .filter(
                              e ->
                                  e.reference().equals("outTradeNo=" + no)
                                      && e.outcome().contains("dropped"))
                          .count()
                      >= 2);
      assertThat(receiver.count()).isZero();
      sandbox.faults().notifyDropRate(0);
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.count() == 1);
    }
  }

  @Test
  void duplicatedNotificationsArriveTwice() throws Exception {
    try (NotifyReceiver receiver = new NotifyReceiver(0)) {
      sandbox.faults().notifyDuplicateRate(1.0);
      sandbox.pay(
          a.unifiedOrder(order(outTradeNo(), 100, receiver.url("n"))).orElseThrow().prepayId());
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.count() == 2);
      assertThat(receiver.arrivals().get(0).body()).isEqualTo(receiver.arrivals().get(1).body());
      Thread.sleep(400);
      assertThat(receiver.count()).isEqualTo(2);
    }
  }

  @Test
  void delayedNotificationsWaitBeforeTheFirstAttempt() throws Exception {
    try (NotifyReceiver receiver = new NotifyReceiver(0)) {
      sandbox.faults().notifyDelay(Duration.ofMillis(800));
      String prepayId =
          a.unifiedOrder(order(outTradeNo(), 100, receiver.url("n"))).orElseThrow().prepayId();
      long paidAt = System.nanoTime();
      sandbox.pay(prepayId);
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.count() == 1);
      assertThat((receiver.arrivals().get(0).nanos() - paidAt) / 1_000_000)
          .isGreaterThanOrEqualTo(750);
    }
  }

  @Test
  void reorderedNotificationsAllArrive() throws Exception {
    try (NotifyReceiver receiver = new NotifyReceiver(0)) {
      sandbox.faults().notifyReorderWindow(Duration.ofMillis(400));
      for (int i = 0; i < 6; i++) {
        sandbox.pay(
            a.unifiedOrder(order(outTradeNo(), 100 + i, receiver.url("n")))
                .orElseThrow()
                .prepayId());
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.count() == 6);
    }
  }

  @Test
  void ratesOutsideZeroToOneAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.faults().systemErrorRate(1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
