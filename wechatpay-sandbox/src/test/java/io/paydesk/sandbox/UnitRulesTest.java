package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.sign.SignType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules without HTTP: transitions, the ledger, the journal codec, JSON. */
class UnitRulesTest {
  final MutableClock clock = new MutableClock();
  final List<Order> paid = new ArrayList<>();
  final List<Refund> accepted = new ArrayList<>();

  Ledger ledger() {
    Ledger ledger =
        new Ledger(
            List.of(merchantA()),
            clock,
            Journal.inMemory(),
            new Ledger.Rules(Duration.ofMinutes(5), Duration.ZERO));
    ledger.onPaid(paid::add);
    ledger.onRefundAccepted(accepted::add);
    return ledger;
  }

  static Map<String, String> req(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static String errCode(Runnable r) {
    try {
      r.run();
      return "none";
    } catch (BusinessError e) {
      return e.errCode();
    }
  }

  @Test
  void everyTradeTransitionIsAllowedOrForbiddenAsTheTableSays() {
    Map<TradeStatus, EnumSet<TradeStatus>> allowed =
        Map.of(
            TradeStatus.NOTPAY,
                EnumSet.of(TradeStatus.SUCCESS, TradeStatus.PAYERROR, TradeStatus.CLOSED),
            TradeStatus.PAYERROR, EnumSet.of(TradeStatus.SUCCESS, TradeStatus.CLOSED),
            TradeStatus.SUCCESS, EnumSet.noneOf(TradeStatus.class),
            TradeStatus.CLOSED, EnumSet.noneOf(TradeStatus.class));
    for (TradeStatus from : TradeStatus.values()) {
      for (TradeStatus to : TradeStatus.values()) {
        assertThat(from.canBecome(to))
            .as(from + "→" + to)
            .isEqualTo(allowed.get(from).contains(to));
      }
    }
    for (RefundState from : RefundState.values()) {
      for (RefundState to : RefundState.values()) {
        assertThat(from.canBecome(to))
            .as(from + "→" + to)
            .isEqualTo(from == RefundState.PROCESSING && to != RefundState.PROCESSING);
      }
    }
  }

  @Test
  void anOrderRefusesAForbiddenTransition() {
    Ledger ledger = ledger();
    Map<String, String> f = unifiedOrderFields("U1");
    String prepayId = ledger.unifiedOrder(merchantA(), f, SignType.MD5).get("prepay_id");
    ledger.pay(prepayId, null);
    Order order = ledger.order(MCH_A, "U1");
    assertThatThrownBy(order::close).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(order::markPayError).isInstanceOf(IllegalStateException.class);
    assertThat(paid).containsExactly(order);
  }

  @Test
  void ledgerRulesOfOrdersAndRefunds() {
    Ledger ledger = ledger();
    var m = merchantA();
    Map<String, String> f = unifiedOrderFields("L1");
    String prepayId = ledger.unifiedOrder(m, f, SignType.MD5).get("prepay_id");
    // the same parameters, other nonce and IP: same prepay_id
    Map<String, String> again = new HashMap<>(f);
    again.put("nonce_str", "other");
    again.put("spbill_create_ip", "10.0.0.1");
    assertThat(ledger.unifiedOrder(m, again, SignType.MD5).get("prepay_id")).isEqualTo(prepayId);
    Map<String, String> changed = new HashMap<>(f);
    changed.put("body", "other");
    assertThat(errCode(() -> ledger.unifiedOrder(m, changed, SignType.MD5)))
        .isEqualTo("OUT_TRADE_NO_USED");
    assertThat(errCode(() -> ledger.closeOrder(m, req("out_trade_no", "L1"))))
        .isEqualTo("INVALID_REQUEST");
    assertThat(
            errCode(
                () ->
                    ledger.refund(
                        m,
                        req(
                            "out_trade_no",
                            "L1",
                            "out_refund_no",
                            "R",
                            "total_fee",
                            "100",
                            "refund_fee",
                            "1"))))
        .isEqualTo("ORDERNOTEXIST");
    ledger.pay(prepayId, "CMB_DEBIT");
    assertThat(ledger.balance(MCH_A)[0]).isEqualTo(100);
    assertThat(
            errCode(
                () ->
                    ledger.refund(
                        m,
                        req(
                            "out_trade_no",
                            "L1",
                            "out_refund_no",
                            "R1",
                            "total_fee",
                            "100",
                            "refund_fee",
                            "101"))))
        .isEqualTo("INVALID_REQUEST");
    assertThat(
            errCode(
                () ->
                    ledger.refund(
                        m,
                        req(
                            "out_trade_no",
                            "L1",
                            "out_refund_no",
                            "R1",
                            "total_fee",
                            "100",
                            "refund_fee",
                            "1.5"))))
        .isEqualTo("PARAM_ERROR");
    assertThat(
            errCode(
                () ->
                    ledger.refund(
                        m,
                        req(
                            "out_trade_no",
                            "L1",
                            "out_refund_no",
                            "R1",
                            "total_fee",
                            "100",
                            "refund_fee",
                            "60",
                            "refund_account",
                            "ELSEWHERE"))))
        .isEqualTo("PARAM_ERROR");
    ledger.refund(
        m,
        req("out_trade_no", "L1", "out_refund_no", "R1", "total_fee", "100", "refund_fee", "60"));
    ledger.setBalance(MCH_A, 10L, null);
    assertThat(
            errCode(
                () ->
                    ledger.refund(
                        m,
                        req(
                            "out_trade_no",
                            "L1",
                            "out_refund_no",
                            "R2",
                            "total_fee",
                            "100",
                            "refund_fee",
                            "40"))))
        .isEqualTo("NOTENOUGH"); // 10 fen of unsettled funds left
    assertThat(
            errCode(
                () ->
                    ledger.refund(
                        m,
                        req(
                            "out_trade_no",
                            "L1",
                            "out_refund_no",
                            "R2",
                            "total_fee",
                            "100",
                            "refund_fee",
                            "41",
                            "refund_account",
                            Refund.RECHARGE_FUNDS))))
        .isEqualTo("ERROR"); // 60 + 41 > 100
    ledger.refund(
        m,
        req(
            "transaction_id",
            ledger.order(MCH_A, "L1").transactionId(),
            "out_refund_no",
            "R2",
            "total_fee",
            "100",
            "refund_fee",
            "40",
            "refund_account",
            Refund.RECHARGE_FUNDS));
    assertThat(ledger.balance(MCH_A))
        .containsExactly(10L, SandboxMerchant.DEFAULT_AVAILABLE_FEN - 40);
    assertThat(accepted).extracting(r -> r.outRefundNo).containsExactly("R1", "R2");
    assertThat(ledger.completeRefund(MCH_A, "R1").state()).isEqualTo(RefundState.SUCCESS);
    assertThat(ledger.completeRefund(MCH_A, "R1")).isNull();
  }

  @Test
  void outcomesPerRefundBeatRulesWhichBeatTheMerchantDefault() {
    Ledger ledger = ledger();
    var m = merchantA();
    ledger.setDefaultRefundOutcome(MCH_A, RefundOutcome.CHANGE);
    ledger.addRefundRule(MCH_A, new Ledger.OutcomeRule(10, 19, RefundOutcome.REFUNDCLOSE));
    ledger.setRefundOutcome("P", RefundOutcome.SUCCESS);
    String prepayId =
        ledger.unifiedOrder(m, unifiedOrderFields("O1"), SignType.MD5).get("prepay_id");
    ledger.pay(prepayId, null);
    ledger.refund(
        m, req("out_trade_no", "O1", "out_refund_no", "P", "total_fee", "100", "refund_fee", "15"));
    ledger.refund(
        m, req("out_trade_no", "O1", "out_refund_no", "Q", "total_fee", "100", "refund_fee", "15"));
    ledger.refund(
        m, req("out_trade_no", "O1", "out_refund_no", "S", "total_fee", "100", "refund_fee", "25"));
    assertThat(accepted)
        .extracting(r -> r.outcome)
        .containsExactly(RefundOutcome.SUCCESS, RefundOutcome.REFUNDCLOSE, RefundOutcome.CHANGE);
  }

  @Test
  void journalRecordsRoundTripAnyText() {
    Map<String, String> record = new LinkedHashMap<>();
    record.put("type", "order");
    record.put("p.body", "T恤,白色 & more=1\nline2 %41");
    record.put("p.attach", "");
    assertThat(Journal.decode(Journal.encode(record))).isEqualTo(record);
    assertThat(Journal.encode(record)).doesNotContain("\n");
    assertThatThrownBy(() -> Journal.decode("no-type=1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonWritesAndReadsFlatObjects() {
    assertThat(Json.write(Map.of("a", List.of(1, true, "x\"\n"))))
        .isEqualTo("{\"a\":[1,true,\"x\\\"\\n\"]}");
    assertThat(
            Json.readFlatObject(" {\"a\": \"\\u0041b\", \"n\": -1.5, \"t\": true, \"z\": null} "))
        .containsEntry("a", "Ab")
        .containsEntry("n", "-1.5")
        .containsEntry("t", "true")
        .containsEntry("z", null);
    assertThatThrownBy(() -> Json.readFlatObject("{\"a\": {}}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.readFlatObject("{\"a\": 1} x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTimeScaleMultipliesWeChatsDelays() {
    Notifier fiftyTimesFaster = new Notifier(null, 0.02, new Faults(), null, null, null);
    assertThat(fiftyTimesFaster.waitBefore(1)).isEqualTo(Duration.ofMillis(300));
    assertThat(fiftyTimesFaster.waitBefore(15)).isEqualTo(Duration.ofSeconds(432)); // 6 h / 50
    assertThat(new Notifier(null, 1, new Faults(), null, null, null).waitBefore(4))
        .isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void loopbackHostsAreRecognised() {
    assertThat(Notifier.isLoopbackHost("127.0.0.1")).isTrue();
    assertThat(Notifier.isLoopbackHost("localhost")).isTrue();
    assertThat(Notifier.isLoopbackHost("[::1]")).isTrue();
    assertThat(Notifier.isLoopbackHost("10.0.0.1")).isFalse();
    assertThat(Notifier.isLoopbackHost("localhost.example.com")).isFalse();
  }

  @Test
  void merchantsNeedAValidMchId() {
    assertThatThrownBy(
            () -> SandboxMerchant.of("wx", "has space", io.paydesk.wechatpay.Secret.of("k")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(merchantA().toString()).doesNotContain(KEY_A);
  }
}
