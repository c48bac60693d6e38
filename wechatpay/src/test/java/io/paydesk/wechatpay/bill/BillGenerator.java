package io.paydesk.wechatpay.bill;

import io.paydesk.wechatpay.Yuan;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Generates a 免充值券-layout ALL bill of any length on the fly, as a stream: nothing but the current
 * line is ever in memory. Every tenth line is a refund; product names contain commas.
 */
public final class BillGenerator extends InputStream {
  static final String HEADER =
      "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
          + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,"
          + "退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
  static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

  private final long lines;
  private long written = -1;
  private byte[] current = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
  private int position;
  private long settlement;
  private long refunds;
  private long fees;
  private long orders;
  private boolean summaryWritten;

  public BillGenerator(long lines) {
    this.lines = lines;
  }

  @Override
  public int read() {
    if (!fill()) {
      return -1;
    }
    return current[position++] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, buffer, offset, n);
    position += n;
    return n;
  }

  private boolean fill() {
    while (position == current.length) {
      written++;
      if (written < lines) {
        current = line(written).getBytes(StandardCharsets.UTF_8);
      } else if (!summaryWritten) {
        summaryWritten = true;
        current =
            (SUMMARY_HEADER
                    + "\n`"
                    + lines
                    + ",`"
                    + Yuan.fromFen(settlement)
                    + ",`"
                    + Yuan.fromFen(refunds)
                    + ",`0.00,`"
                    + Yuan.fromUnits(fees, 5)
                    + ",`"
                    + Yuan.fromFen(orders)
                    + ",`"
                    + Yuan.fromFen(refunds)
                    + "\n")
                .getBytes(StandardCharsets.UTF_8);
      } else {
        return false;
      }
      position = 0;
    }
    return true;
  }

  private String line(long i) {
    long amount = i % 10_000 + 1;
    long fee = amount * 6; // 0.6% in 0.00001 yuan
    String time = "`2024-03-01 " + two(i / 3600 % 24) + ":" + two(i / 60 % 60) + ":" + two(i % 60);
    if (i % 10 == 9) {
      refunds += amount;
      fees -= fee;
      return time
          + ",`wx2421b1c4370ec43b,`1900000109,`0,`,`42000000"
          + i
          + ",`PD"
          + i
          + ",`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`REFUND,`CMB_DEBIT,`CNY,`0.00,`0.00,`5030000"
          + i
          + ",`RF"
          + i
          + ",`"
          + Yuan.fromFen(amount)
          + ",`0.00,`ORIGINAL,`SUCCESS,`T恤,白色 L,`,`"
          + Yuan.fromUnits(-fee, 5)
          + ",`0.60%,`0.00,`"
          + Yuan.fromFen(amount)
          + ",`\n";
    }
    settlement += amount;
    orders += amount;
    fees += fee;
    return time
        + ",`wx2421b1c4370ec43b,`1900000109,`0,`,`42000000"
        + i
        + ",`PD"
        + i
        + ",`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`OTHERS,`CNY,`"
        + Yuan.fromFen(amount)
        + ",`0.00,`0,`0,`0.00,`0.00,`,`,`T恤,白色 #"
        + i
        + ",`attach,a,`"
        + Yuan.fromUnits(fee, 5)
        + ",`0.60%,`"
        + Yuan.fromFen(amount)
        + ",`0.00,`\n";
  }

  private static String two(long n) {
    return n < 10 ? "0" + n : Long.toString(n);
  }
}
