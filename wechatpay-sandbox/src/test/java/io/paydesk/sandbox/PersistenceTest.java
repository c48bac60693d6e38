package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.wechatpay.client.OrderQueryResponse;
import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.client.WeChatPayClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State, keys and pending work survive a restart on the same data directory. */
class PersistenceTest {
  @TempDir Path data;

  SandboxServer.Builder onDisk() {
    return SandboxServer.builder()
        .port(0)
        .dataDir(data)
        .merchant(merchantA())
        .merchant(merchantB())
        .refundMinInterval(Duration.ZERO);
  }

  @Test
  void aServiceProvidersOrdersAndRefundsSurviveARestartUnderTheirSubMerchant() throws Exception {
    String no = outTradeNo();
    io.paydesk.wechatpay.Merchant sp =
        clientMerchant(
            PartnerModeTest.APP_SP,
            PartnerModeTest.MCH_SP,
            PartnerModeTest.KEY_SP,
            io.paydesk.wechatpay.sign.SignType.MD5);
    io.paydesk.wechatpay.SubMerchant shop =
        new io.paydesk.wechatpay.SubMerchant(PartnerModeTest.SUB_WITH_APP, PartnerModeTest.SUB_APP);
    try (SandboxServer first =
        onDisk()
            .merchant(PartnerModeTest.serviceProvider())
            .refundDelay(Duration.ofHours(1))
            .build()
            .start()) {
      WeChatPayClient sub = client(first, sp, PartnerModeTest.MCH_SP).forSubMerchant(shop);
      String prepayId =
          sub.unifiedOrder(order(no, 500, "https://shop.example.com/n")).orElseThrow().prepayId();
      first.pay(prepayId);
      sub.refund(new RefundRequest(no, "R" + no, 500, 200, null, null, null)).orElseThrow();
    }
    try (SandboxServer second =
        onDisk()
            .merchant(PartnerModeTest.serviceProvider())
            .refundDelay(Duration.ofMillis(100))
            .build()
            .start()) {
      WeChatPayClient sub = client(second, sp, PartnerModeTest.MCH_SP).forSubMerchant(shop);
      assertThat(sub.queryOrder(no).orElseThrow().tradeState()).isEqualTo(TradeState.REFUND);
      UnifiedOrderTest.assertErr(
          client(second, sp, PartnerModeTest.MCH_SP)
              .forSubMerchant(io.paydesk.wechatpay.SubMerchant.of(PartnerModeTest.SUB_WITHOUT_APP))
              .queryOrder(no),
          "ORDERNOTEXIST");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  sub.queryRefund("R" + no).orElseThrow().refunds().get(0).status()
                      == RefundStatus.SUCCESS);
    }
  }

  @Test
  void ordersRefundsBalancesAndKeysSurviveARestart() throws Exception {
    String no = outTradeNo();
    String transactionId;
    byte[] ca;
    byte[] p12;
    byte[] serverKey;
    try (SandboxServer first = onDisk().refundDelay(Duration.ofHours(1)).build().start()) {
      WeChatPayClient a = clientA(first);
      a.unifiedOrder(order(no, 4200, "https://shop.example.com/n")).orElseThrow();
      transactionId = first.pay(first.prepayId(MCH_A, no)).transactionId();
      a.refund(new RefundRequest(no, "R" + no, 4200, 200, null, null, null)).orElseThrow();
      first.setBalance(MCH_B, 123L, 456L);
      ca = Files.readAllBytes(first.caCertificatePem());
      p12 = Files.readAllBytes(first.clientCertificate(MCH_A));
      serverKey = Files.readAllBytes(data.resolve("pki/server.p12"));
      assertThat(first.caCertificatePem()).isEqualTo(data.resolve("ca.pem"));
      assertThat(first.clientCertificate(MCH_A))
          .isEqualTo(data.resolve("merchants/10000100/apiclient_cert.p12"));
    }
    try (SandboxServer second = onDisk().refundDelay(Duration.ofMillis(100)).build().start()) {
      assertThat(Files.readAllBytes(second.caCertificatePem())).isEqualTo(ca);
      assertThat(Files.readAllBytes(second.clientCertificate(MCH_A))).isEqualTo(p12);
      assertThat(Files.readAllBytes(data.resolve("pki/server.p12"))).isEqualTo(serverKey);
      WeChatPayClient a = clientA(second);
      OrderQueryResponse q = a.queryOrder(no).orElseThrow();
      assertThat(q.tradeState()).isEqualTo(TradeState.REFUND);
      assertThat(q.transactionId()).isEqualTo(transactionId);
      assertThat(second.balance(MCH_B)).containsExactly(123L, 456L);
      // the refund left PROCESSING by the first run completes in the second
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  a.queryRefund("R" + no).orElseThrow().refunds().get(0).status()
                      == RefundStatus.SUCCESS);
      // the same out_trade_no is still taken
      assertThat(a.unifiedOrder(order(no, 4200, "https://shop.example.com/n")).kind().name())
          .isEqualTo("BUSINESS_FAILURE");
    }
  }

  @Test
  void anUnacknowledgedNotificationResumesAfterARestart() throws Exception {
    try (NotifyReceiver receiver = new NotifyReceiver(1)) {
      String no = outTradeNo();
      try (SandboxServer first = onDisk().timeScale(1).build().start()) {
        first.pay(
            clientA(first)
                .unifiedOrder(order(no, 100, receiver.url("n")))
                .orElseThrow()
                .prepayId());
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.count() == 1);
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    first.callLog().last(10).stream()
                        .anyMatch(e -> e.outcome().contains("ack=false")));
      } // the retry would come 15 s later
      try (SandboxServer second = onDisk().timeScale(0.01).build().start()) {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.count() == 2);
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    second.callLog().last(10).stream()
                        .anyMatch(
                            e ->
                                e.outcome().contains("attempt=2")
                                    && e.outcome().contains("ack=true")));
      }
      try (SandboxServer third = onDisk().timeScale(0.01).build().start()) {
        Thread.sleep(300); // an acknowledged notification is not sent again
        assertThat(receiver.count()).isEqualTo(2);
        assertThat(third.callLog().last(10)).noneMatch(e -> e.kind().equals("PAY_NOTIFY"));
      }
    }
  }

  @Test
  void aTornOrCorruptJournalLineIsSkipped() throws Exception {
    String no = outTradeNo();
    try (SandboxServer first = onDisk().build().start()) {
      clientA(first).unifiedOrder(order(no, 100, "https://shop.example.com/n")).orElseThrow();
    }
    Path journal = data.resolve("journal.log");
    Files.writeString(
        journal,
        "%%garbage%%\ntype=order&mch_id=10000100&out_trade_no=TORN",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    try (SandboxServer second = onDisk().build().start()) {
      assertThat(clientA(second).queryOrder(no).orElseThrow().tradeState())
          .isEqualTo(TradeState.NOTPAY);
      assertThat(second.prepayId(MCH_A, "TORN")).isNull();
    }
    assertThat(Files.readString(journal)).doesNotContain("garbage").doesNotContain("TORN");
  }

  @Test
  void theCallLogIsWrittenToTheDataDirectoryWithoutSecrets() throws Exception {
    try (SandboxServer s = onDisk().build().start()) {
      clientA(s).queryOrder("LOGGED").kind();
    }
    String log = Files.readString(data.resolve("calls.log"));
    assertThat(log).contains("/pay/orderquery").contains("outTradeNo=LOGGED");
    assertThat(log).doesNotContain(KEY_A).doesNotContain(KEY_B);
    assertThat(Files.readString(data.resolve("journal.log"))).doesNotContain(KEY_A);
  }
}
