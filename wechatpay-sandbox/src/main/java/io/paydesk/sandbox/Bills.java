package io.paydesk.sandbox;

import io.paydesk.wechatpay.Yuan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.function.Predicate;

/**
 * WeChat's trade bill text, in the 免充值券 layout merchants onboarded since 2018 get: a header, one
 * line per trade with every field prefixed by a backtick, then the summary header and line. Amounts
 * in yuan; fees with five decimals (0.60% of the amount). Streaming: {@link #generate} writes a
 * synthetic bill of any length in constant memory.
 *
 * <p>A service provider's bill has its own mch_id in 商户号 and each line's sub-merchant in 特约商户号
 * (older layouts: 子商户号); a direct merchant's shows {@code 0} there.
 */
final class Bills {
  static final String HEADER =
      "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
          + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,"
          + "退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
  static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

  /** Fee per fen of amount, in 0.00001 yuan: 0.60%. */
  private static final long FEE_UNITS_PER_FEN = 6;

  private Bills() {}

  /** One trade line. Refund lines have {@code settlementFee} 0 and a negative fee. */
  record Line(
      Instant time,
      String appId,
      String mchId,
      String transactionId,
      String outTradeNo,
      String openid,
      String tradeState,
      String bankType,
      long settlementFee,
      String refundId,
      String outRefundNo,
      long refundFee,
      String refundType,
      String refundStatus,
      String productName,
      String attach,
      long feeUnits,
      long totalFee,
      long applyRefundFee,
      String refundAccount,
      String subMchId) {

    static Line payment(Order o) {
      return new Line(
          o.timeEnd(),
          o.appId,
          o.mchId,
          o.transactionId(),
          o.outTradeNo,
          o.openid(),
          "SUCCESS",
          o.bankType(),
          o.totalFee,
          "0",
          "0",
          0,
          "",
          "",
          o.body(),
          o.attach() == null ? "" : o.attach(),
          o.totalFee * FEE_UNITS_PER_FEN,
          o.totalFee,
          0,
          "",
          o.subMchId());
    }

    static Line refund(Order o, Refund r) {
      return new Line(
          r.createdAt,
          o.appId,
          o.mchId,
          o.transactionId(),
          o.outTradeNo,
          o.openid(),
          "REFUND",
          o.bankType(),
          0,
          r.refundId,
          r.outRefundNo,
          r.refundFee,
          "ORIGINAL",
          r.state().name(),
          o.body(),
          o.attach() == null ? "" : o.attach(),
          -r.refundFee * FEE_UNITS_PER_FEN,
          0,
          r.refundFee,
          r.refundAccount,
          o.subMchId());
    }

    boolean isRefund() {
      return "REFUND".equals(tradeState);
    }

    /** The same line showing another amount (the order's, or the refund's), and its fee. */
    Line withAmount(long fen) {
      return isRefund()
          ? new Line(
              time,
              appId,
              mchId,
              transactionId,
              outTradeNo,
              openid,
              tradeState,
              bankType,
              settlementFee,
              refundId,
              outRefundNo,
              fen,
              refundType,
              refundStatus,
              productName,
              attach,
              -fen * FEE_UNITS_PER_FEN,
              totalFee,
              fen,
              refundAccount,
              subMchId)
          : new Line(
              time,
              appId,
              mchId,
              transactionId,
              outTradeNo,
              openid,
              tradeState,
              bankType,
              fen,
              refundId,
              outRefundNo,
              refundFee,
              refundType,
              refundStatus,
              productName,
              attach,
              fen * FEE_UNITS_PER_FEN,
              fen,
              applyRefundFee,
              refundAccount,
              subMchId);
    }
  }

  /** Which lines a bill_type takes; null for a type the sandbox does not know. */
  static Predicate<Line> filter(String billType) {
    return switch (billType) {
      case "ALL" -> line -> true;
      case "SUCCESS" -> line -> !line.isRefund();
      case "REFUND" -> Line::isRefund;
      case "RECHARGE_REFUND" ->
          line -> line.isRefund() && Refund.RECHARGE_FUNDS.equals(line.refundAccount());
      default -> null;
    };
  }

  /** Writes the bill of {@code lines} (already filtered) to {@code out}; does not close it. */
  static void write(List<Line> lines, OutputStream out) throws IOException {
    write(lines, 0, out);
  }

  /**
   * Writes the bill of {@code lines}; the summary's settlement total is off by {@code
   * summaryOffsetFen} (0 for a true summary).
   */
  static void write(List<Line> lines, long summaryOffsetFen, OutputStream out) throws IOException {
    Writer writer = writer(out);
    Totals totals = new Totals();
    totals.settlement += summaryOffsetFen;
    writer.write(HEADER);
    writer.write('\n');
    for (Line line : lines) {
      writeLine(writer, line, totals);
    }
    totals.writeSummary(writer);
    writer.flush();
  }

  /**
   * Writes a synthetic ALL bill of {@code count} lines for {@code date} (every tenth a refund),
   * streaming: memory does not grow with {@code count}.
   */
  static void generate(long count, LocalDate date, String appId, String mchId, OutputStream out)
      throws IOException {
    Writer writer = writer(out);
    Totals totals = new Totals();
    writer.write(HEADER);
    writer.write('\n');
    Instant start =
        date.atTime(LocalTime.MIDNIGHT).toInstant(io.paydesk.wechatpay.BeijingTime.OFFSET);
    for (long i = 0; i < count; i++) {
      long amount = i % 10_000 + 1;
      Instant time = start.plusMillis(i * 86_400_000L / Math.max(count, 1));
      String transactionId = "4200000000" + String.format("%018d", i);
      String outTradeNo = "PD" + i;
      boolean refund = i % 10 == 9;
      Line line =
          refund
              ? new Line(
                  time,
                  appId,
                  mchId,
                  transactionId,
                  outTradeNo,
                  "oSandboxBuyer" + (i % 1000),
                  "REFUND",
                  "CMB_DEBIT",
                  0,
                  "5030000000" + String.format("%018d", i),
                  "RF" + i,
                  amount,
                  "ORIGINAL",
                  "SUCCESS",
                  "T恤,白色 L",
                  "",
                  -amount * FEE_UNITS_PER_FEN,
                  0,
                  amount,
                  Refund.UNSETTLED_FUNDS,
                  null)
              : new Line(
                  time,
                  appId,
                  mchId,
                  transactionId,
                  outTradeNo,
                  "oSandboxBuyer" + (i % 1000),
                  "SUCCESS",
                  "OTHERS",
                  amount,
                  "0",
                  "0",
                  0,
                  "",
                  "",
                  "T恤,白色 #" + i,
                  "attach,a",
                  amount * FEE_UNITS_PER_FEN,
                  amount,
                  0,
                  "",
                  null);
      writeLine(writer, line, totals);
    }
    totals.writeSummary(writer);
    writer.flush();
  }

  private static Writer writer(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
  }

  private static void writeLine(Writer w, Line l, Totals totals) throws IOException {
    field(w, Ledger.billTime(l.time()), true);
    field(w, l.appId(), false);
    field(w, l.mchId(), false);
    field(w, l.subMchId() == null ? "0" : l.subMchId(), false); // 特约商户号: the sub-merchant
    field(w, "", false);
    field(w, l.transactionId(), false);
    field(w, l.outTradeNo(), false);
    field(w, l.openid(), false);
    field(w, "JSAPI", false);
    field(w, l.tradeState(), false);
    field(w, l.bankType(), false);
    field(w, "CNY", false);
    field(w, Yuan.fromFen(l.settlementFee()), false);
    field(w, "0.00", false);
    field(w, l.refundId(), false);
    field(w, l.outRefundNo(), false);
    field(w, Yuan.fromFen(l.refundFee()), false);
    field(w, "0.00", false);
    field(w, l.refundType(), false);
    field(w, l.refundStatus(), false);
    field(w, l.productName(), false);
    field(w, l.attach(), false);
    field(w, Yuan.fromUnits(l.feeUnits(), 5), false);
    field(w, "0.60%", false);
    field(w, Yuan.fromFen(l.totalFee()), false);
    field(w, Yuan.fromFen(l.applyRefundFee()), false);
    field(w, "", false);
    w.write('\n');
    totals.add(l);
  }

  /** A backtick-prefixed field; a backtick or line break inside a value is replaced. */
  private static void field(Writer w, String value, boolean first) throws IOException {
    if (!first) {
      w.write(',');
    }
    w.write('`');
    if (value != null) {
      w.write(value.replace('`', '\'').replace('\n', ' ').replace('\r', ' '));
    }
  }

  private static final class Totals {
    long count;
    long settlement;
    long refund;
    long fee;
    long total;
    long applyRefund;

    void add(Line l) {
      count++;
      settlement += l.settlementFee();
      refund += l.refundFee();
      fee += l.feeUnits();
      total += l.totalFee();
      applyRefund += l.applyRefundFee();
    }

    void writeSummary(Writer w) throws IOException {
      w.write(SUMMARY_HEADER);
      w.write('\n');
      w.write(
          "`"
              + count
              + ",`"
              + Yuan.fromFen(settlement)
              + ",`"
              + Yuan.fromFen(refund)
              + ",`0.00,`"
              + Yuan.fromUnits(fee, 5)
              + ",`"
              + Yuan.fromFen(total)
              + ",`"
              + Yuan.fromFen(applyRefund)
              + "\n");
    }
  }
}
