package io.paydesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.bill.BillReader;
import io.paydesk.wechatpay.client.BillType;
import io.paydesk.wechatpay.client.CallResult.UnknownReason;
import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.v3.ApiV3Client;
import io.paydesk.wechatpay.v3.ApiV3Error;
import io.paydesk.wechatpay.v3.ApiV3Result;
import io.paydesk.wechatpay.v3.BillFile;
import io.paydesk.wechatpay.v3.DomesticRefund;
import io.paydesk.wechatpay.v3.DomesticRefundRequest;
import io.paydesk.wechatpay.v3.DomesticRefundStatus;
import io.paydesk.wechatpay.v3.RequestPayment;
import io.paydesk.wechatpay.v3.TradeBill;
import io.paydesk.wechatpay.v3.Transaction;
import io.paydesk.wechatpay.v3.crypto.Pem;
import io.paydesk.wechatpay.v3.crypto.RsaSigner;
import io.paydesk.wechatpay.v3.notify.ApiV3NotificationDecoder;
import io.paydesk.wechatpay.v3.notify.PaymentEvent;
import io.paydesk.wechatpay.v3.notify.RefundEvent;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every v3 call between the library's {@link ApiV3Client} and the sandbox, public key mode. */
class ApiV3RoundTripTest {
  private static SandboxServer sandbox;
  private static ApiV3Client client;
  private static ApiV3NotificationDecoder decoder;
  private static V3Receiver receiver;

  @BeforeAll
  static void start() throws Exception {
    sandbox = V3Fixture.sandbox().build().start();
    client = V3Fixture.clientC(sandbox);
    decoder = new ApiV3NotificationDecoder(V3Fixture.merchantC(sandbox), client.signatureCheck());
    receiver = new V3Receiver(0);
  }

  @AfterAll
  static void stop() {
    receiver.close();
    sandbox.close();
  }

  @AfterEach
  void noFaults() {
    sandbox.faults().reset();
  }

  @Test
  void prepayPayNotifyAndQuery() {
    String no = Fixture.outTradeNo();
    String prepayId =
        client.jsapiPrepay(V3Fixture.order(no, 888, receiver.url("pay"))).orElseThrow().prepayId();
    RequestPayment pay = client.requestPayment(prepayId);
    assertThat(pay.packageValue()).isEqualTo("prepay_id=" + prepayId);
    assertThat(pay.appId()).isEqualTo(V3Fixture.APP_C);
    assertThat(
            RsaSigner.verify(
                Pem.certificate(Pem.read(sandbox.apiV3Certificate(V3Fixture.MCH_C))).getPublicKey(),
                RequestPayment.message(
                    pay.appId(), pay.timeStamp(), pay.nonceStr(), pay.packageValue()),
                pay.paySign()))
        .isTrue();

    Transaction unpaid = client.queryByOutTradeNo(no).orElseThrow();
    assertThat(unpaid.tradeState()).isEqualTo(TradeState.NOTPAY);
    assertThat(unpaid.payerTotalFen()).isNull();

    int before = receiver.count();
    sandbox.pay(prepayId);
    await().atMost(Duration.ofSeconds(15)).until(() -> receiver.count() > before);
    V3Receiver.Arrival arrival = receiver.arrivals().get(before);
    PaymentEvent event = decoder.decodePayment(arrival.headers(), arrival.body());
    assertThat(event.eventType()).isEqualTo("TRANSACTION.SUCCESS");
    assertThat(event.transaction().outTradeNo()).isEqualTo(no);
    assertThat(event.transaction().totalFen()).isEqualTo(888);
    assertThat(arrival.headers().serial()).isEqualTo(sandbox.weChatPayPublicKeyId());

    Transaction paid = client.queryByOutTradeNo(no).orElseThrow();
    assertThat(paid.tradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(paid.payerTotalFen()).isEqualTo(888);
    assertThat(paid.transactionId()).isEqualTo(event.transaction().transactionId());
    assertThat(paid.successTime()).isNotNull();
    assertThat(paid.attach()).isEqualTo("attach-v3");
  }

  @Test
  void notificationsAreRetriedOnWeChatsScheduleUntilAcknowledged() throws Exception {
    try (V3Receiver failing = new V3Receiver(2)) {
      String prepayId =
          client
              .jsapiPrepay(V3Fixture.order(Fixture.outTradeNo(), 5, failing.url("pay")))
              .orElseThrow()
              .prepayId();
      sandbox.pay(prepayId);
      await().atMost(Duration.ofSeconds(15)).until(() -> failing.count() >= 3);
      Thread.sleep(500);
      var arrivals = failing.arrivals();
      assertThat(arrivals).hasSize(3);
      // 15 s and 15 s at a time scale of 0.01
      long gap = Duration.ofNanos(arrivals.get(1).nanos() - arrivals.get(0).nanos()).toMillis();
      assertThat(gap).isBetween(140L, 2_000L);
      // each attempt is signed afresh
      assertThat(arrivals.get(0).headers().nonce()).isNotEqualTo(arrivals.get(1).headers().nonce());
      decoder.decodePayment(arrivals.get(2).headers(), arrivals.get(2).body());
    }
  }

  @Test
  void closeThenQueryAndTheRefusals() {
    String no = Fixture.outTradeNo();
    client.jsapiPrepay(V3Fixture.order(no, 10, receiver.url("pay"))).orElseThrow();
    assertThat(client.close(no)).isEqualTo(new ApiV3Result.Success<>(no));
    assertThat(client.queryByOutTradeNo(no).orElseThrow().tradeState())
        .isEqualTo(TradeState.CLOSED);
    assertThat(client.close(no))
        .isEqualTo(new ApiV3Result.Refused<>(new ApiV3Error(400, "ORDER_CLOSED", "订单已关闭，无需继续调用")));
    assertThat(refusal(client.queryByOutTradeNo("NOSUCHORDER1"))).isEqualTo("404 ORDER_NOT_EXIST");
    // the same out_trade_no with other parameters
    assertThat(refusal(client.jsapiPrepay(V3Fixture.order(no, 11, receiver.url("pay")))))
        .isIn("400 ORDER_CLOSED", "403 OUT_TRADE_NO_USED");
  }

  @Test
  void refundNotifyAndQuery() {
    String no = Fixture.outTradeNo();
    String prepayId =
        client.jsapiPrepay(V3Fixture.order(no, 300, receiver.url("pay"))).orElseThrow().prepayId();
    sandbox.pay(prepayId);
    int before = receiver.count();
    String refundNo = "RF" + no;
    DomesticRefund accepted =
        client
            .refund(
                new DomesticRefundRequest(
                    no, refundNo, 100, 300, "尺码不合适", receiver.url("refund"), null))
            .orElseThrow();
    assertThat(accepted.status()).isEqualTo(DomesticRefundStatus.PROCESSING);
    assertThat(accepted.refundFen()).isEqualTo(100);
    assertThat(accepted.totalFen()).isEqualTo(300);
    assertThat(accepted.fundsAccount()).isEqualTo("UNSETTLED");

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                receiver.arrivals().stream()
                    .skip(before)
                    .anyMatch(a -> new String(a.body()).contains("REFUND.")));
    V3Receiver.Arrival arrival =
        receiver.arrivals().stream()
            .skip(before)
            .filter(a -> new String(a.body()).contains("REFUND."))
            .findFirst()
            .orElseThrow();
    RefundEvent event = decoder.decodeRefund(arrival.headers(), arrival.body());
    assertThat(event.eventType()).isEqualTo("REFUND.SUCCESS");
    assertThat(event.refund().outRefundNo()).isEqualTo(refundNo);

    DomesticRefund done = client.queryRefund(refundNo).orElseThrow();
    assertThat(done.status()).isEqualTo(DomesticRefundStatus.SUCCESS);
    assertThat(done.successTime()).isNotNull();
    assertThat(done.refundId()).isEqualTo(accepted.refundId());

    // the same out_refund_no again is the same refund, not a second one
    assertThat(
            client
                .refund(new DomesticRefundRequest(no, refundNo, 100, 300, null, null, null))
                .orElseThrow()
                .refundId())
        .isEqualTo(accepted.refundId());
    assertThat(refusal(client.queryRefund("NOSUCHREFUND"))).isEqualTo("404 RESOURCE_NOT_EXISTS");
    assertThat(
            refusal(
                client.refund(
                    new DomesticRefundRequest(no, "RX" + no, 250, 300, null, null, null))))
        .isEqualTo("400 INVALID_REQUEST");
  }

  @Test
  void notEnoughFundsIsARefusal() {
    String no = Fixture.outTradeNo();
    sandbox.pay(
        client.jsapiPrepay(V3Fixture.order(no, 50, receiver.url("pay"))).orElseThrow().prepayId());
    long[] balance = sandbox.balance(V3Fixture.MCH_C);
    sandbox.setBalance(V3Fixture.MCH_C, 0L, null);
    try {
      assertThat(
              refusal(
                  client.refund(
                      new DomesticRefundRequest(no, "RN" + no, 50, 50, null, null, null))))
          .isEqualTo("403 NOT_ENOUGH");
      assertThat(
              client
                  .refund(new DomesticRefundRequest(no, "RN" + no, 50, 50, null, null, "AVAILABLE"))
                  .orElseThrow()
                  .fundsAccount())
          .isEqualTo("AVAILABLE");
    } finally {
      sandbox.setBalance(V3Fixture.MCH_C, balance[0], null);
    }
  }

  @Test
  void tradeBillDownloadsAndMatchesItsHash() throws Exception {
    String no = Fixture.outTradeNo();
    sandbox.pay(
        client.jsapiPrepay(V3Fixture.order(no, 77, receiver.url("pay"))).orElseThrow().prepayId());
    LocalDate today = java.time.Instant.now().atOffset(BeijingTime.OFFSET).toLocalDate();
    for (boolean gzip : new boolean[] {false, true}) {
      TradeBill bill = client.tradeBill(today, BillType.ALL, gzip).orElseThrow();
      assertThat(bill.hashType()).isEqualTo("SHA1");
      assertThat(bill.downloadUrl()).startsWith(sandbox.baseUrl() + "/v3/billdownload/file?token=");
      try (BillFile file = client.downloadBill(bill, gzip).orElseThrow();
          BillReader reader = file.reader()) {
        assertThat(reader.stream().map(r -> r.outTradeNo()).toList()).contains(no);
        assertThat(reader.summary()).isNotNull();
        assertThat(file.verified()).isTrue();
      }
    }
    TradeBill bill = client.tradeBill(today, BillType.SUCCESS, false).orElseThrow();
    TradeBill forged = new TradeBill("SHA1", "0".repeat(40), bill.downloadUrl());
    try (BillFile file = client.downloadBill(forged, false).orElseThrow()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> file.body().readAllBytes())
          .isInstanceOf(java.io.IOException.class);
    }
    assertThat(refusal(client.tradeBill(today.minusDays(20), BillType.ALL, false)))
        .isEqualTo("400 NO_STATEMENT_EXIST");
  }

  @Test
  void theFaultsOfV2AreUnknownsNotRefusals() {
    String no = Fixture.outTradeNo();
    sandbox.faults().systemErrorRate(1);
    assertThat(client.queryByOutTradeNo(no)).isInstanceOf(ApiV3Result.Unknown.class);
    sandbox.faults().reset().resetRate(1);
    assertThat(
            ((ApiV3Result.Unknown<?>) client.jsapiPrepay(V3Fixture.order(no, 1, receiver.url("p"))))
                .reason())
        .isEqualTo(UnknownReason.CONNECTION_LOST);
    sandbox.faults().reset().secapiDownFor(Duration.ofMinutes(1));
    assertThat(
            ((ApiV3Result.Unknown<?>)
                    client.refund(new DomesticRefundRequest(no, "R" + no, 1, 1, null, null, null)))
                .reason())
        .isEqualTo(UnknownReason.HTTP_STATUS);
    sandbox.faults().reset();
    ApiV3Client impatient =
        V3Fixture.client(
            sandbox,
            V3Fixture.merchantC(sandbox),
            V3Fixture.publicKey(sandbox),
            Duration.ofSeconds(2));
    // open the kept-alive connection first: a slow handshake would be a connect timeout (NotSent)
    for (int i = 0; i < 5 && impatient.queryByOutTradeNo(no) instanceof ApiV3Result.NotSent; i++) {
      // try again
    }
    sandbox.faults().latency(Duration.ofSeconds(4));
    assertThat(((ApiV3Result.Unknown<?>) impatient.queryByOutTradeNo(no)).reason())
        .isEqualTo(UnknownReason.TIMEOUT);
  }

  private static String refusal(ApiV3Result<?> result) {
    assertThat(result).isInstanceOf(ApiV3Result.Refused.class);
    ApiV3Error e = ((ApiV3Result.Refused<?>) result).error();
    return e.status() + " " + e.code();
  }
}
