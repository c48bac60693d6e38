package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.notify.NotificationDecoder;
import io.paydesk.wechatpay.notify.RefundInfo;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refund outcomes (merchant default, per refund, by rule) and refund notifications. */
class RefundOutcomeTest {
  static SandboxServer sandbox;
  static NotifyReceiver receiver;
  static WeChatPayClient a;
  static WeChatPayClient b;
  static final Merchant MERCHANT_A = clientMerchant(APP_A, MCH_A, KEY_A, SignType.HMAC_SHA256);

  @BeforeAll
  static void start() throws Exception {
    receiver = new NotifyReceiver(0);
    sandbox =
        SandboxServer.builder()
            .port(0)
            .inMemory()
            .merchant(merchantA())
            .merchant(
                merchantB()
                    .withRefundOutcome(RefundOutcome.CHANGE)
                    .withRefundNotifyUrl(receiver.url("b/refund")))
            .timeScale(0.01)
            .refundDelay(Duration.ofMillis(200))
            .refundMinInterval(Duration.ZERO)
            .build()
            .start();
    a = clientA(sandbox);
    b = clientB(sandbox);
    sandbox.addRefundOutcomeRule(MCH_A, 90_000, 99_999, RefundOutcome.REFUNDCLOSE);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    receiver.close();
  }

  static String paid(WeChatPayClient client, String mchId, long fee) {
    String no = outTradeNo();
    client.unifiedOrder(order(no, fee, "https://shop.example.com/n")).orElseThrow();
    sandbox.pay(sandbox.prepayId(mchId, no));
    return no;
  }

  static RefundInfo awaitNotification(Merchant merchant, String outRefundNo) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              List<RefundInfo> infos =
                  receiver.arrivals().stream()
                      .filter(
                          x ->
                              merchant
                                  .mchId()
                                  .equals(new WeChatXml().parse(x.body()).get("mch_id")))
                      .map(x -> new NotificationDecoder(merchant).decodeRefund(x.body()).info())
                      .filter(i -> i.outRefundNo().equals(outRefundNo))
                      .collect(Collectors.toList());
              return infos.isEmpty() ? null : infos.get(0);
            },
            i -> i != null);
  }

  @Test
  void bySuccessDefaultTheNotificationCarriesEveryFieldEncrypted() {
    String no = paid(a, MCH_A, 2000);
    String url = receiver.url("a/refund");
    a.refund(new RefundRequest(no, "S" + no, 2000, 500, null, null, url)).orElseThrow();
    RefundInfo info = awaitNotification(MERCHANT_A, "S" + no);
    assertThat(info.refundStatus()).isEqualTo(RefundStatus.SUCCESS);
    assertThat(info.outTradeNo()).isEqualTo(no);
    assertThat(info.refundFee()).isEqualTo(500);
    assertThat(info.totalFee()).isEqualTo(2000);
    assertThat(info.settlementRefundFee()).isEqualTo(500);
    assertThat(info.successTime()).isNotNull();
    assertThat(info.refundRecvAccout()).isNotBlank();
    assertThat(info.refundAccount()).isEqualTo("REFUND_SOURCE_UNSETTLED_FUNDS");
    assertThat(info.refundRequestSource()).isEqualTo("API");
    assertThat(info.transactionId()).startsWith("4200");
    assertThat(a.queryRefund("S" + no).orElseThrow().refunds().get(0).status())
        .isEqualTo(RefundStatus.SUCCESS);
  }

  @Test
  void aPerRefundChoiceWins() {
    String no = paid(a, MCH_A, 2000);
    sandbox.setRefundOutcome("C" + no, RefundOutcome.CHANGE);
    a.refund(new RefundRequest(no, "C" + no, 2000, 100, null, null, receiver.url("a/refund")))
        .orElseThrow();
    RefundInfo info = awaitNotification(MERCHANT_A, "C" + no);
    assertThat(info.refundStatus()).isEqualTo(RefundStatus.CHANGE);
    assertThat(info.successTime()).isNull();
  }

  @Test
  void aRuleByAmountClosesTheRefundAndGivesTheMoneyBack() {
    String no = paid(a, MCH_A, 95_000);
    long before = sandbox.balance(MCH_A)[0];
    a.refund(new RefundRequest(no, "K" + no, 95_000, 95_000, null, null, receiver.url("a/refund")))
        .orElseThrow();
    assertThat(sandbox.balance(MCH_A)[0]).isEqualTo(before - 95_000);
    RefundInfo info = awaitNotification(MERCHANT_A, "K" + no);
    assertThat(info.refundStatus()).isEqualTo(RefundStatus.REFUNDCLOSE);
    assertThat(sandbox.balance(MCH_A)[0]).isEqualTo(before);
    // a closed refund does not count against the order: it can be refunded again
    a.refund(new RefundRequest(no, "K2" + no, 95_000, 1_000, null, null, null)).orElseThrow();
  }

  @Test
  void theMerchantsDefaultAndConfiguredRefundNotifyUrlApply() {
    String no = paid(b, MCH_B, 300);
    b.refund(new RefundRequest(no, "D" + no, 300, 300, null, null, null)).orElseThrow();
    RefundInfo info =
        awaitNotification(clientMerchant(APP_B, MCH_B, KEY_B, SignType.MD5), "D" + no);
    assertThat(info.refundStatus()).isEqualTo(RefundStatus.CHANGE);
  }

  @Test
  void theDefaultOutcomeCanBeChangedAtRunTime() {
    sandbox.setDefaultRefundOutcome(MCH_B, RefundOutcome.SUCCESS);
    try {
      String no = paid(b, MCH_B, 300);
      b.refund(new RefundRequest(no, "E" + no, 300, 300, null, null, null)).orElseThrow();
      assertThat(
              awaitNotification(clientMerchant(APP_B, MCH_B, KEY_B, SignType.MD5), "E" + no)
                  .refundStatus())
          .isEqualTo(RefundStatus.SUCCESS);
    } finally {
      sandbox.setDefaultRefundOutcome(MCH_B, RefundOutcome.CHANGE);
    }
  }

  @Test
  void aRefundNotificationIsRepeatedUntilSuccess() throws Exception {
    try (NotifyReceiver flaky = new NotifyReceiver(1)) {
      String no = paid(a, MCH_A, 100);
      a.refund(new RefundRequest(no, "F" + no, 100, 100, null, null, flaky.url("r"))).orElseThrow();
      await().atMost(Duration.ofSeconds(10)).until(() -> flaky.count() == 2);
      Thread.sleep(400);
      assertThat(flaky.count()).isEqualTo(2);
      assertThat(
              new NotificationDecoder(MERCHANT_A)
                  .decodeRefund(flaky.arrivals().get(1).body())
                  .info()
                  .outRefundNo())
          .isEqualTo("F" + no);
    }
  }
}
