package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static io.paydesk.sandbox.UnifiedOrderTest.assertErr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.client.OrderQueryResponse;
import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.client.UnifiedOrderRequest;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.sign.SignType;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** orderquery, closeorder and the buyer. */
class OrderLifecycleTest {
  static final MutableClock CLOCK = new MutableClock();
  static SandboxServer sandbox;
  static WeChatPayClient a;

  @BeforeAll
  static void start() {
    sandbox = sandbox().clock(CLOCK).build().start();
    a = clientA(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  String place(long fee) {
    UnifiedOrderRequest request = order(outTradeNo(), fee, "https://shop.example.com/n");
    a.unifiedOrder(request).orElseThrow();
    return request.outTradeNo();
  }

  @Test
  void anUnpaidOrderIsNotpayAndAPaidOneSuccessWithWhatThePaymentSet() {
    String no = place(1234);
    OrderQueryResponse before = a.queryOrder(no).orElseThrow();
    assertThat(before.tradeState()).isEqualTo(TradeState.NOTPAY);
    assertThat(before.transactionId()).isNull();

    SandboxServer.Payment payment = sandbox.pay(sandbox.prepayId(MCH_A, no), "ICBC_DEBIT");
    OrderQueryResponse after = a.queryOrder(no).orElseThrow();
    assertThat(after.tradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(after.transactionId())
        .isEqualTo(payment.transactionId())
        .hasSize(28)
        .startsWith("4200");
    assertThat(after.totalFee()).isEqualTo(1234);
    assertThat(after.cashFee()).isEqualTo(1234);
    assertThat(after.timeEnd()).isEqualTo(CLOCK.instant().truncatedTo(ChronoUnit.SECONDS));
    assertThat(after.openid()).isEqualTo(OPENID);
    assertThat(after.attach()).isEqualTo("attach-1");
    assertThat(after.fields())
        .containsEntry("bank_type", "ICBC_DEBIT")
        .containsEntry("trade_type", "JSAPI");
  }

  @Test
  void queryByTransactionIdWorksAndUnknownOrdersAreOrdernotexist() throws Exception {
    String no = place(100);
    SandboxServer.Payment p = sandbox.pay(sandbox.prepayId(MCH_A, no));
    Map<String, String> byTx =
        raw(
            sandbox,
            "/pay/orderquery",
            Map.of(
                "appid",
                APP_A,
                "mch_id",
                MCH_A,
                "nonce_str",
                "n",
                "transaction_id",
                p.transactionId()),
            KEY_A,
            SignType.MD5);
    assertThat(byTx).containsEntry("out_trade_no", no).containsEntry("trade_state", "SUCCESS");
    assertErr(a.queryOrder("NEVER-" + no), "ORDERNOTEXIST");
    // another merchant does not see it
    assertErr(clientB(sandbox).queryOrder(no), "ORDERNOTEXIST");
  }

  @Test
  void closeIsRefusedBeforeTheMinimumAgeThenClosesAndOrderclosedAfter() {
    String no = place(100);
    assertErr(a.closeOrder(no), "INVALID_REQUEST");
    CLOCK.advance(Duration.ofMinutes(5));
    a.closeOrder(no).orElseThrow();
    assertThat(a.queryOrder(no).orElseThrow().tradeState()).isEqualTo(TradeState.CLOSED);
    assertErr(a.closeOrder(no), "ORDERCLOSED");
    assertThatThrownBy(() -> sandbox.pay(sandbox.prepayId(MCH_A, no)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingAPaidOrderIsOrderpaidAndAnUnknownOneOrdernotexist() {
    String no = place(100);
    sandbox.pay(sandbox.prepayId(MCH_A, no));
    CLOCK.advance(Duration.ofMinutes(6));
    assertErr(a.closeOrder(no), "ORDERPAID");
    assertErr(a.closeOrder("NEVER-" + no), "ORDERNOTEXIST");
  }

  @Test
  void aFailedPaymentIsPayerrorAndTheBuyerMayPayAgain() {
    String no = place(100);
    String prepayId = sandbox.prepayId(MCH_A, no);
    sandbox.failPayment(prepayId);
    assertThat(a.queryOrder(no).orElseThrow().tradeState()).isEqualTo(TradeState.PAYERROR);
    sandbox.pay(prepayId);
    assertThat(a.queryOrder(no).orElseThrow().tradeState()).isEqualTo(TradeState.SUCCESS);
    assertThatThrownBy(() -> sandbox.pay(prepayId)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anAbandonedPaymentLeavesTheOrderNotpay() {
    String no = place(100);
    sandbox.abandon(sandbox.prepayId(MCH_A, no));
    assertThat(a.queryOrder(no).orElseThrow().tradeState()).isEqualTo(TradeState.NOTPAY);
  }

  @Test
  void anExpiredPrepayIdOrTimeExpireCannotBePaid() {
    String no = place(100);
    String prepayId = sandbox.prepayId(MCH_A, no);
    CLOCK.advance(Duration.ofHours(2));
    assertThatThrownBy(() -> sandbox.pay(prepayId)).hasMessageContaining("expired");

    UnifiedOrderRequest expiring =
        new UnifiedOrderRequest(
            outTradeNo(),
            "b",
            100,
            "127.0.0.1",
            "https://shop.example.com/n",
            OPENID,
            null,
            CLOCK.instant().plus(Duration.ofMinutes(2)),
            null);
    String id = a.unifiedOrder(expiring).orElseThrow().prepayId();
    CLOCK.advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> sandbox.pay(id)).hasMessageContaining("time_expire");
    assertThat(BeijingTime.format(CLOCK.instant())).hasSize(14);
  }

  @Test
  void anUnknownPrepayIdIsRefused() {
    assertThatThrownBy(() -> sandbox.pay("wx-unknown"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
