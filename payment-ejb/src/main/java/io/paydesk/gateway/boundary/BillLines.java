package io.paydesk.gateway.boundary;

import io.paydesk.wechatpay.bill.BillReader;
import io.paydesk.wechatpay.bill.BillSummary;
import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A bill being read from WeChat, one {@link BillEntry} at a time: memory does not grow with the
 * bill. After the last line, {@link #summary()} gives the bill's summary line. Close it.
 */
public final class BillLines implements Iterator<BillEntry>, Closeable {

  /**
   * The bill's summary line as written, and where it disagrees with the bill's rows.
   *
   * @param paymentFen the payments' total (应结订单总金额)
   * @param refundFen the refunds' total, when the bill has it
   * @param rowMismatches one text per summary column that disagrees with the rows
   */
  public record Summary(
      long count, long paymentFen, Long refundFen, long feeMilliFen, List<String> rowMismatches) {

    public Summary {
      rowMismatches = List.copyOf(rowMismatches);
    }
  }

  private final Closeable download;
  private final BillReader reader;

  /** Lines read by {@code reader} from {@code download}, which closing them closes. */
  public BillLines(Closeable download, BillReader reader) {
    this.download = download;
    this.reader = reader;
  }

  @Override
  public boolean hasNext() {
    return reader.hasNext();
  }

  @Override
  public BillEntry next() {
    if (!reader.hasNext()) {
      throw new NoSuchElementException();
    }
    return WeChatBills.entry(reader.next());
  }

  /** Skips {@code lines} lines (a resumed run); answers how many were there to skip. */
  public long skip(long lines) {
    long skipped = 0;
    while (skipped < lines && reader.hasNext()) {
      reader.next();
      skipped++;
    }
    return skipped;
  }

  /**
   * The summary line.
   *
   * @throws IllegalStateException before the last line was read
   */
  public Summary summary() {
    BillSummary summary = reader.summary();
    return new Summary(
        summary.tradeCount(),
        summary.settlementTotalFee(),
        summary.refundFee(),
        summary.serviceFeeMilliFen(),
        reader.summaryMismatches().stream().map(Exception::getMessage).toList());
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      download.close();
    }
  }
}
