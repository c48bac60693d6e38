package io.paydesk.wechatpay.bill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BillReaderTest {
  /** WeChat's documented example, old layout. */
  static final String OLD_ALL =
      "交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,代金券或立减优惠退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率\n"
          + "`2014-11-10 16:33:45,`wx2421b1c4370ec43b,`10000100,`0,`1000,`1001690740201411100005734289,`1415640626,`085e9858e3ba5186aafcbaed1,`MICROPAY,`SUCCESS,`OTHERS,`CNY,`0.01,`0.0,`0,`0,`0,`0,`,`,`被扫支付测试,`订单额外描述,`0,`0.60%\n"
          + "`2014-11-10 16:46:14,`wx2421b1c4370ec43b,`10000100,`0,`1000,`1002780740201411100005729794,`1415635270,`085e9858e90ca40c0b5aee463,`MICROPAY,`SUCCESS,`OTHERS,`CNY,`0.01,`0.0,`0,`0,`0,`0,`,`,`被扫支付测试,`订单额外描述,`0,`0.60%\n"
          + "总交易单数,总交易额,总退款金额,总代金券或立减优惠退款金额,手续费总金额\n"
          + "`2,`0.02,`0.0,`0.0,`0\n";

  /** The 免充值券 layout, a payment and its refund, commas inside product names. */
  static final String COUPON_ALL =
      "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n"
          + "`2022-03-21 13:51:31,`wxfdc955f7104ad557,`180023671,`0,`,`420000612032130748613220688,`PD20220321001,`oZWaCKXip5njeEiloC4oeOV1TTsk,`JSAPI,`SUCCESS,`OTHERS,`CNY,`128.00,`0.00,`0,`0,`0.00,`0.00,`,`,`T恤,白色,XL,`color=white,size=XL,`0.76800,`0.60%,`128.00,`0.00,`\r\n"
          + "`2022-03-21 15:02:10,`wxfdc955f7104ad557,`180023671,`0,`,`420000612032130748613220688,`PD20220321001,`oZWaCKXip5njeEiloC4oeOV1TTsk,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000402022032112345678901,`RF20220321001,`28.00,`0.00,`ORIGINAL,`SUCCESS,`T恤,白色,XL,`,`-0.16800,`0.60%,`0.00,`28.00,`\r\n"
          + "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n"
          + "`2,`128.00,`28.00,`0.00,`0.60000,`128.00,`28.00\r\n";

  @Test
  void theDocumentedOldLayoutParses() throws IOException {
    try (BillReader reader = open(OLD_ALL)) {
      List<BillRow> rows = reader.stream().toList();
      assertThat(reader.isCouponLayout()).isFalse();
      assertThat(rows).hasSize(2);
      BillRow first = rows.get(0);
      assertThat(first.tradeTime()).isEqualTo(Instant.parse("2014-11-10T08:33:45Z"));
      assertThat(first.outTradeNo()).isEqualTo("1415640626");
      assertThat(first.transactionId()).isEqualTo("1001690740201411100005734289");
      assertThat(first.settlementTotalFee()).isEqualTo(1);
      assertThat(first.subMchId()).isEqualTo("0");
      assertThat(first.productName()).isEqualTo("被扫支付测试");
      assertThat(first.rate()).isEqualTo("0.60%");
      assertThat(first.totalFee()).isNull();
      assertThat(first.rateRemark()).isNull();
      assertThat(reader.summary()).isEqualTo(new BillSummary(2, 2, 0L, 0L, 0, null, null));
    }
  }

  @Test
  void theCouponLayoutParsesWithCommasInsideFields() throws IOException {
    try (BillReader reader = open(COUPON_ALL)) {
      List<BillRow> rows = reader.stream().toList();
      assertThat(reader.isCouponLayout()).isTrue();
      assertThat(rows).extracting(BillRow::productName).containsOnly("T恤,白色,XL");
      BillRow payment = rows.get(0);
      assertThat(payment.attach()).isEqualTo("color=white,size=XL");
      assertThat(payment.settlementTotalFee()).isEqualTo(12800);
      assertThat(payment.totalFee()).isEqualTo(12800L);
      assertThat(payment.serviceFeeMilliFen()).isEqualTo(76800);
      assertThat(payment.rateRemark()).isEmpty();
      BillRow refund = rows.get(1);
      assertThat(refund.isRefund()).isTrue();
      assertThat(refund.outRefundNo()).isEqualTo("RF20220321001");
      assertThat(refund.refundFee()).isEqualTo(2800);
      assertThat(refund.applyRefundFee()).isEqualTo(2800L);
      assertThat(refund.serviceFeeMilliFen()).isEqualTo(-16800);
      assertThat(reader.summary().serviceFeeMilliFen()).isEqualTo(60000);
    }
  }

  @Test
  void columnsAreFoundByNameNotPosition() throws IOException {
    String reordered =
        "商户订单号,交易状态,交易时间,应结订单金额,商品名称,手续费\n"
            + "`A1,`SUCCESS,`2024-01-01 00:00:00,`1.00,`a,b,`0.00600\n"
            + "总交易单数,应结订单总金额,手续费总金额\n"
            + "`1,`1.00,`0.00600\n";
    try (BillReader reader = open(reordered)) {
      BillRow row = reader.next();
      assertThat(row.outTradeNo()).isEqualTo("A1");
      assertThat(row.settlementTotalFee()).isEqualTo(100);
      assertThat(row.productName()).isEqualTo("a,b");
      assertThat(row.tradeTime()).isEqualTo(Instant.parse("2023-12-31T16:00:00Z"));
      assertThat(reader.hasNext()).isFalse();
    }
  }

  @Test
  void theRefundBillHasRequestAndSuccessTimes() throws IOException {
    String refund =
        "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\n"
            + "`2024-01-02 10:00:00,`wx1,`1900000109,`0,`,`4200001,`PD1,`o1,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`2024-01-02 10:00:00,`2024-01-02 10:00:05,`5001,`RF1,`1.50,`0.00,`ORIGINAL,`SUCCESS,`x,`,`-0.00900,`0.60%,`0.00,`1.50,`\n"
            + "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n"
            + "`1,`0.00,`1.50,`0.00,`-0.00900,`0.00,`1.50\n";
    try (BillReader reader = open(refund)) {
      BillRow row = reader.next();
      assertThat(row.refundSuccessTime()).isEqualTo(Instant.parse("2024-01-02T02:00:05Z"));
      assertThat(row.refundFee()).isEqualTo(150);
      assertThat(reader.hasNext()).isFalse();
      assertThat(reader.summary().refundFee()).isEqualTo(150L);
    }
  }

  @Test
  void aCountMismatchIsTyped() {
    String wrong = OLD_ALL.replace("`2,`0.02", "`3,`0.02");
    assertThatThrownBy(() -> drain(wrong))
        .isInstanceOfSatisfying(
            BillSummaryMismatchException.class,
            e -> {
              assertThat(e.column()).isEqualTo("总交易单数");
              assertThat(e.summaryValue()).isEqualTo(3);
              assertThat(e.computedValue()).isEqualTo(2);
            });
  }

  @Test
  void anAmountMismatchIsTyped() {
    assertThatThrownBy(() -> drain(OLD_ALL.replace("`2,`0.02", "`2,`0.03")))
        .isInstanceOfSatisfying(
            BillSummaryMismatchException.class, e -> assertThat(e.column()).isEqualTo("总交易额"));
    assertThatThrownBy(
            () -> drain(COUPON_ALL.replace("`28.00,`0.00,`0.60000", "`27.99,`0.00,`0.60000")))
        .isInstanceOfSatisfying(
            BillSummaryMismatchException.class, e -> assertThat(e.column()).isEqualTo("退款总金额"));
    assertThatThrownBy(() -> drain(COUPON_ALL.replace("`0.60000", "`0.60001")))
        .isInstanceOf(BillSummaryMismatchException.class);
  }

  @Test
  void aTolerantReaderAnswersADisagreeingSummaryWithEveryDisagreement() throws IOException {
    String wrong = OLD_ALL.replace("`2,`0.02", "`3,`0.03");
    try (BillReader reader =
        BillReader.openTolerant(
            new java.io.ByteArrayInputStream(
                wrong.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
      int rows = 0;
      while (reader.hasNext()) {
        reader.next();
        rows++;
      }
      assertThat(rows).isEqualTo(2);
      assertThat(reader.summary().tradeCount()).isEqualTo(3);
      assertThat(reader.summaryMismatches())
          .extracting(BillSummaryMismatchException::column)
          .containsExactly("总交易单数", "总交易额");
    }
    try (BillReader agreeing =
        BillReader.openTolerant(
            new java.io.ByteArrayInputStream(
                OLD_ALL.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
      agreeing.forEachRemaining(row -> {});
      assertThat(agreeing.summaryMismatches()).isEmpty();
    }
  }

  @Test
  void aTruncatedBillIsRefused() {
    String truncated = OLD_ALL.substring(0, OLD_ALL.indexOf("总交易单数"));
    assertThatThrownBy(() -> drain(truncated))
        .isInstanceOf(BillFormatException.class)
        .isNotInstanceOf(BillSummaryMismatchException.class)
        .hasMessageContaining("without its summary");
  }

  @Test
  void malformedLinesAreRefusedWithTheirLineNumber() {
    assertThatThrownBy(
            () ->
                drain(
                    OLD_ALL.replace(
                        "`0.60%\n`2014-11-10 16:46", "`0.60%,`extra\n`2014-11-10 16:46")))
        .isInstanceOf(BillFormatException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(
            () ->
                drain(
                    OLD_ALL.replace(
                        "`0.01,`0.0,`0,`0,`0,`0,`,`,`被扫支付测试,`订单额外描述,`0,`0.60%\n总",
                        "`0.001,`0.0,`0,`0,`0,`0,`,`,`被扫支付测试,`订单额外描述,`0,`0.60%\n总")))
        .isInstanceOf(BillFormatException.class)
        .hasMessageContaining("line 3");
    assertThatThrownBy(() -> drain("a,b,c\n`1,`2,`3\n"))
        .isInstanceOf(BillFormatException.class)
        .hasMessageContaining("header");
    assertThatThrownBy(() -> drain("")).isInstanceOf(BillFormatException.class);
  }

  @Test
  void gzipIsDetected() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(COUPON_ALL.getBytes(StandardCharsets.UTF_8));
    }
    try (BillReader reader = BillReader.open(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(reader.stream().count()).isEqualTo(2);
    }
  }

  @Test
  void aByteOrderMarkIsIgnored() throws IOException {
    try (BillReader reader = open("\uFEFF" + OLD_ALL)) {
      assertThat(reader.stream().count()).isEqualTo(2);
    }
  }

  @Test
  void summaryIsOnlyAvailableAfterTheRows() throws IOException {
    try (BillReader reader = open(OLD_ALL)) {
      assertThatThrownBy(reader::summary).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aGeneratedBillParsesAndReconciles() throws IOException {
    try (BillReader reader = BillReader.open(new BillGenerator(20_000))) {
      long refunds = reader.stream().filter(BillRow::isRefund).count();
      assertThat(refunds).isEqualTo(2_000);
      assertThat(reader.summary().tradeCount()).isEqualTo(20_000);
    }
  }

  /**
   * A million-line bill (about 300 MB of text, generated while it is read) parsed in a JVM with a
   * 24 MiB heap: it can only pass if the parser streams. No timing is asserted.
   */
  @Test
  void aMillionLineBillParsesInASmallHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx24m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                BoundedMemoryBillCheck.class.getName(),
                "1000000")
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(output).contains("rows=1000000 summaryCount=1000000");
    assertThat(process.exitValue()).isZero();
  }

  private static BillReader open(String text) throws IOException {
    return BillReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static long drain(String text) throws IOException {
    try (BillReader reader = open(text)) {
      return reader.stream().count();
    }
  }
}
