package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.notify.NotificationDecoder;
import io.paydesk.wechatpay.notify.PaymentNotification;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payment notifications: content, signature, WeChat's retry schedule (time-scaled). */
class PaymentNotificationTest {

  @Test
  void theScheduleIsWeChats() {
    assertThat(Notifier.SCHEDULE).hasSize(15);
    assertThat(Notifier.SCHEDULE.stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofHours(24).plusMinutes(4));
  }

  @Test
  void retriesAfterFailUntilSuccessWithTheScaledSpacingThenStops() throws Exception {
    // time scale 1/30: 15 s → 500 ms, then 15 s → 500 ms, then (not reached) 30 s → 1 s
    try (SandboxServer sandbox = sandbox().timeScale(1.0 / 30).build().start();
        NotifyReceiver receiver = new NotifyReceiver(2)) {
      Merchant merchant = clientMerchant(APP_A, MCH_A, KEY_A, SignType.HMAC_SHA256);
      String no = outTradeNo();
      String prepayId =
          clientA(sandbox)
              .unifiedOrder(order(no, 8800, receiver.url("wechat/notify")))
              .orElseThrow()
              .prepayId();
      SandboxServer.Payment payment = sandbox.pay(prepayId);

      await().atMost(Duration.ofSeconds(15)).until(() -> receiver.count() >= 3);
      Thread.sleep(1_500); // a fourth attempt would come 1 s after the third
      List<NotifyReceiver.Arrival> arrivals = receiver.arrivals();
      assertThat(arrivals).hasSize(3);
      for (int i = 1; i < 3; i++) {
        long gapMs = (arrivals.get(i).nanos() - arrivals.get(i - 1).nanos()) / 1_000_000;
        assertThat(gapMs).as("gap %d", i).isBetween(450L, 4_000L);
      }
      // every attempt carries the same, verifiable notification
      for (NotifyReceiver.Arrival arrival : arrivals) {
        PaymentNotification n = new NotificationDecoder(merchant).decodePayment(arrival.body());
        assertThat(n.outTradeNo()).isEqualTo(no);
        assertThat(n.transactionId()).isEqualTo(payment.transactionId());
        assertThat(n.totalFee()).isEqualTo(8800);
        assertThat(n.succeeded()).isTrue();
      }
      Map<String, String> fields = new WeChatXml().parse(arrivals.get(0).body());
      assertThat(fields.keySet())
          .contains(
              "return_code",
              "appid",
              "mch_id",
              "nonce_str",
              "sign",
              "result_code",
              "openid",
              "is_subscribe",
              "trade_type",
              "bank_type",
              "total_fee",
              "fee_type",
              "cash_fee",
              "transaction_id",
              "out_trade_no",
              "attach",
              "time_end");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  sandbox.callLog().last(100).stream()
                      .anyMatch(
                          e -> e.kind().equals("PAY_NOTIFY") && e.outcome().contains("ack=true")));
      assertThat(sandbox.callLog().last(100))
          .filteredOn(e -> e.kind().equals("PAY_NOTIFY"))
          .extracting(CallLog.Entry::outcome)
          .containsExactly(
              "attempt=1 status=200 ack=false",
              "attempt=2 status=200 ack=false",
              "attempt=3 status=200 ack=true");
    }
  }

  @Test
  void aReceiverThatNeverAnswersSuccessGetsSixteenAttemptsThenNoMore() throws Exception {
    // time scale 1/60000: the whole 24h4m schedule takes about 1.4 s; 6 h → 360 ms
    try (SandboxServer sandbox = sandbox().timeScale(1.0 / 60_000).build().start();
        NotifyReceiver receiver = new NotifyReceiver(Integer.MAX_VALUE)) {
      String no = outTradeNo();
      sandbox.pay(
          clientA(sandbox)
              .unifiedOrder(order(no, 100, receiver.url("n")))
              .orElseThrow()
              .prepayId());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  sandbox.callLog().last(100).stream()
                      .anyMatch(e -> e.outcome().startsWith("gave up")));
      List<NotifyReceiver.Arrival> arrivals = receiver.arrivals();
      assertThat(arrivals).hasSize(16);
      long lastGapMs = (arrivals.get(15).nanos() - arrivals.get(14).nanos()) / 1_000_000;
      long firstGapMs = (arrivals.get(1).nanos() - arrivals.get(0).nanos()) / 1_000_000;
      assertThat(lastGapMs).isGreaterThanOrEqualTo(300).isGreaterThan(firstGapMs);
    }
  }

  @Test
  void notificationsGoToLoopbackAddressesOnly() throws Exception {
    try (SandboxServer sandbox = sandbox().build().start()) {
      String no = outTradeNo();
      sandbox.pay(
          clientA(sandbox)
              .unifiedOrder(order(no, 100, "https://shop.example.com/n"))
              .orElseThrow()
              .prepayId());
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  sandbox.callLog().last(100).stream()
                      .anyMatch(e -> e.kind().equals("PAY_NOTIFY")));
      Thread.sleep(300); // the 15 s retry, scaled to 150 ms, must not happen
      assertThat(sandbox.callLog().last(100))
          .filteredOn(e -> e.kind().equals("PAY_NOTIFY"))
          .extracting(CallLog.Entry::outcome)
          .containsExactly("not sent: not a loopback address");
    }
  }

  @Test
  void anMd5MerchantsNotificationIsSignedWithMd5() throws Exception {
    try (SandboxServer sandbox = sandbox().build().start();
        NotifyReceiver receiver = new NotifyReceiver(0)) {
      String no = outTradeNo();
      sandbox.pay(
          clientB(sandbox)
              .unifiedOrder(order(no, 100, receiver.url("n")))
              .orElseThrow()
              .prepayId());
      await().atMost(Duration.ofSeconds(5)).until(() -> receiver.count() == 1);
      PaymentNotification n =
          new NotificationDecoder(clientMerchant(APP_B, MCH_B, KEY_B, SignType.MD5))
              .decodePayment(receiver.arrivals().get(0).body());
      assertThat(n.outTradeNo()).isEqualTo(no);
    }
  }
}
