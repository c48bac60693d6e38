package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.bill.BillReader;
import io.paydesk.wechatpay.bill.BillRow;
import io.paydesk.wechatpay.bill.BillSummary;
import io.paydesk.wechatpay.client.BillDownload;
import io.paydesk.wechatpay.client.BillType;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.RefundRequest;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.sign.SignType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** downloadbill from the sandbox's own records, read back with the library's BillReader. */
class BillTest {
  static final MutableClock CLOCK = new MutableClock();
  static SandboxServer sandbox;
  static WeChatPayClient b;
  static LocalDate day;
  static List<String> paid = new ArrayList<>();
  static String refunded;

  @BeforeAll
  static void start() {
    sandbox = sandbox().clock(CLOCK).refundDelay(Duration.ofMillis(100)).build().start();
    b = clientB(sandbox); // merchant B has its own, clean books
    day = Ledger.beijingDate(CLOCK.instant());
    for (long fee : new long[] {100, 2345, 99}) {
      String no = outTradeNo();
      b.unifiedOrder(order(no, fee, "https://shop.example.com/n")).orElseThrow();
      sandbox.pay(sandbox.prepayId(MCH_B, no));
      paid.add(no);
    }
    String unpaid = outTradeNo();
    b.unifiedOrder(order(unpaid, 5000, "https://shop.example.com/n")).orElseThrow();
    refunded = paid.get(1);
    b.refund(new RefundRequest(refunded, "R" + refunded, 2345, 345, null, null, null))
        .orElseThrow();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                b.queryRefund("R" + refunded).orElseThrow().refunds().get(0).status()
                    == RefundStatus.SUCCESS);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static List<BillRow> rows(BillType type, boolean gzip, BillSummary[] summary) throws Exception {
    try (BillDownload download = b.downloadBill(day, type, gzip).orElseThrow();
        BillReader reader = download.reader()) {
      List<BillRow> rows = reader.stream().toList();
      summary[0] = reader.summary();
      return rows;
    }
  }

  @Test
  void theAllBillListsPaymentsAndRefundsOfTheDayAndItsSummaryChecks() throws Exception {
    BillSummary[] summary = new BillSummary[1];
    List<BillRow> rows = rows(BillType.ALL, false, summary);
    assertThat(rows).hasSize(4);
    assertThat(rows.stream().filter(r -> !r.isRefund()).map(BillRow::outTradeNo))
        .containsExactlyInAnyOrderElementsOf(paid);
    BillRow refund = rows.stream().filter(BillRow::isRefund).findFirst().orElseThrow();
    assertThat(refund.outTradeNo()).isEqualTo(refunded);
    assertThat(refund.refundFee()).isEqualTo(345);
    assertThat(refund.outRefundNo()).isEqualTo("R" + refunded);
    assertThat(refund.refundStatus()).isEqualTo("SUCCESS");
    BillRow payment =
        rows.stream()
            .filter(r -> r.outTradeNo().equals(refunded) && !r.isRefund())
            .findFirst()
            .orElseThrow();
    assertThat(payment.settlementTotalFee()).isEqualTo(2345);
    assertThat(payment.productName()).isEqualTo("T恤,白色");
    assertThat(payment.attach()).isEqualTo("attach-1");
    assertThat(payment.appId()).isEqualTo(APP_B);
    assertThat(payment.mchId()).isEqualTo(MCH_B);
    assertThat(payment.transactionId()).startsWith("4200");
    assertThat(payment.serviceFeeMilliFen()).isEqualTo(2345 * 6 * 10 / 10);
    assertThat(summary[0].tradeCount()).isEqualTo(4);
    assertThat(summary[0].settlementTotalFee()).isEqualTo(100 + 2345 + 99);
    assertThat(summary[0].refundFee()).isEqualTo(345);
  }

  @Test
  void successAndRefundBillsAndGzip() throws Exception {
    BillSummary[] summary = new BillSummary[1];
    assertThat(rows(BillType.SUCCESS, true, summary)).hasSize(3).noneMatch(BillRow::isRefund);
    assertThat(rows(BillType.REFUND, false, summary)).hasSize(1).allMatch(BillRow::isRefund);
    assertThat(summary[0].refundFee()).isEqualTo(345);
  }

  @Test
  void gzipIsRealGzip() throws Exception {
    Map<String, String> f =
        new java.util.HashMap<>(
            Map.of(
                "appid",
                APP_B,
                "mch_id",
                MCH_B,
                "nonce_str",
                "n",
                "bill_date",
                BeijingTime.formatDate(day),
                "bill_type",
                "ALL",
                "tar_type",
                "GZIP"));
    var signed =
        new io.paydesk.wechatpay.sign.Signer(io.paydesk.wechatpay.Secret.of(KEY_B))
            .signed(f, SignType.MD5);
    var response =
        https(sandbox)
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sandbox.baseUrl() + "/pay/downloadbill"))
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            io.paydesk.wechatpay.xml.WeChatXml.write(signed)))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = response.body();
    assertThat(body[0] & 0xff).isEqualTo(0x1f);
    assertThat(body[1] & 0xff).isEqualTo(0x8b);
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .startsWith(Bills.HEADER);
    }
  }

  @Test
  void aDayWithoutTradesIsNoBillExist() throws Exception {
    try (BillDownload download =
        b.downloadBill(day.minusDays(1), BillType.ALL, false).orElseThrow()) {
      assertThat(download.isEmpty()).isTrue();
    }
  }

  @Test
  void badDatesAndTypesAreXmlErrors() throws Exception {
    CallResult<BillDownload> future = b.downloadBill(day.plusDays(1), BillType.ALL, false);
    assertThat(future).isInstanceOf(CallResult.CommunicationFailure.class);
    assertThat(((CallResult.CommunicationFailure<?>) future).returnMsg())
        .isEqualTo("invalid bill_date");
    assertThat(b.downloadBill(day.minusMonths(4), BillType.ALL, false))
        .isInstanceOf(CallResult.CommunicationFailure.class);
    Map<String, String> bad =
        raw(
            sandbox,
            "/pay/downloadbill",
            Map.of("appid", APP_B, "mch_id", MCH_B, "nonce_str", "n", "bill_date", "2024-01-01"),
            KEY_B,
            SignType.MD5);
    assertThat(bad).containsEntry("return_code", "FAIL").containsEntry("error_code", "20001");
    Map<String, String> type =
        raw(
            sandbox,
            "/pay/downloadbill",
            Map.of(
                "appid",
                APP_B,
                "mch_id",
                MCH_B,
                "nonce_str",
                "n",
                "bill_date",
                BeijingTime.formatDate(day),
                "bill_type",
                "NOPE"),
            KEY_B,
            SignType.MD5);
    assertThat(type).containsEntry("return_msg", "invalid bill_type");
    Map<String, String> unsigned =
        raw(
            sandbox,
            "/pay/downloadbill",
            Map.of(
                "appid",
                APP_B,
                "mch_id",
                MCH_B,
                "nonce_str",
                "n",
                "bill_date",
                BeijingTime.formatDate(day)),
            null,
            null);
    assertThat(unsigned).containsEntry("return_msg", "签名错误");
  }

  @Test
  void theGeneratorWritesLargeBillsTheReaderAccepts() throws Exception {
    CountingStream out = new CountingStream();
    long lines = 200_000;
    try (java.io.PipedInputStream in = new java.io.PipedInputStream(1 << 16);
        java.io.PipedOutputStream pipe = new java.io.PipedOutputStream(in)) {
      Thread writer =
          new Thread(
              () -> {
                try (OutputStream o = pipe) {
                  Bills.generate(lines, LocalDate.of(2024, 3, 1), APP_B, MCH_B, o);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      writer.start();
      long count;
      BillSummary summary;
      try (BillReader reader = BillReader.open(in)) {
        count = reader.stream().count();
        summary = reader.summary();
      }
      writer.join();
      assertThat(count).isEqualTo(lines);
      assertThat(summary.tradeCount()).isEqualTo(lines);
      assertThat(summary.refundFee()).isPositive();
    }
    Bills.generate(10, LocalDate.of(2024, 3, 1), APP_B, MCH_B, out);
    assertThat(out.count).isPositive();
  }

  static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  @Test
  void billsOfEmptyListsHaveOnlyHeaderAndSummary() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bills.write(List.of(), out);
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().count()).isEqualTo(3);
  }
}
