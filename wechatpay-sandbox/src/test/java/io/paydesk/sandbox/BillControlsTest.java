package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.wechatpay.bill.BillReader;
import io.paydesk.wechatpay.bill.BillRow;
import io.paydesk.wechatpay.bill.BillSummaryMismatchException;
import io.paydesk.wechatpay.client.BillDownload;
import io.paydesk.wechatpay.client.BillType;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.WeChatPayClient;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bill switches tests use: not ready yet, another amount, a missing line, a wrong summary. */
class BillControlsTest {
  static final MutableClock CLOCK = new MutableClock();
  static SandboxServer sandbox;
  static WeChatPayClient b;
  static LocalDate day;
  static final List<String> paid = new ArrayList<>();

  @BeforeAll
  static void start() {
    sandbox = sandbox().clock(CLOCK).build().start();
    b = clientB(sandbox);
    day = Ledger.beijingDate(CLOCK.instant());
    for (long fee : new long[] {100, 250}) {
      String no = outTradeNo();
      b.unifiedOrder(order(no, fee, "https://shop.example.com/n")).orElseThrow();
      sandbox.pay(sandbox.prepayId(MCH_B, no));
      paid.add(no);
    }
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void reset() {
    sandbox.bills().reset();
  }

  record Read(List<BillRow> rows, List<BillSummaryMismatchException> mismatches) {}

  static Read read(boolean gzip) throws Exception {
    try (BillDownload download = b.downloadBill(day, BillType.ALL, gzip).orElseThrow();
        BillReader reader = BillReader.openTolerant(download.body())) {
      List<BillRow> rows = new ArrayList<>();
      reader.forEachRemaining(rows::add);
      return new Read(rows, reader.summaryMismatches());
    }
  }

  @Test
  void aBillNotReadyYetIsRefusedUntilItIsReady() throws Exception {
    sandbox.bills().notReady(day);
    CallResult<BillDownload> refused = b.downloadBill(day, BillType.ALL, true);
    assertThat(refused).isInstanceOf(CallResult.CommunicationFailure.class);
    var failure = (CallResult.CommunicationFailure<BillDownload>) refused;
    assertThat(failure.returnMsg()).isEqualTo("Bill Creating");
    assertThat(failure.fields()).containsEntry("error_code", "20003");

    sandbox.bills().ready(day);
    assertThat(read(true).rows()).hasSize(2);
  }

  @Test
  void aChangedAmountAndAnOmittedLineShowInTheBillWhoseSummaryStillAgrees() throws Exception {
    sandbox.bills().amount(paid.get(0), 101).omit(paid.get(1));
    Read bill = read(true);
    assertThat(bill.rows()).hasSize(1);
    assertThat(bill.rows().get(0).outTradeNo()).isEqualTo(paid.get(0));
    assertThat(bill.rows().get(0).totalFee()).isEqualTo(101L);
    assertThat(bill.rows().get(0).settlementTotalFee()).isEqualTo(101L);
    assertThat(bill.mismatches()).isEmpty();
  }

  @Test
  void aSummaryOffsetDisagreesWithTheRows() throws Exception {
    sandbox.bills().summaryOffset(7);
    Read bill = read(false);
    assertThat(bill.rows()).hasSize(2);
    assertThat(bill.mismatches())
        .singleElement()
        .satisfies(m -> assertThat(m.summaryValue() - m.computedValue()).isEqualTo(7));
  }

  @Test
  void aBillFileIsServedInsteadOfTheBooks(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bill.txt");
    try (OutputStream out = Files.newOutputStream(file)) {
      Bills.generate(25, day, APP_B, MCH_B, out);
    }
    sandbox.bills().file(day, file);
    assertThat(read(true).rows()).hasSize(25);
  }
}
