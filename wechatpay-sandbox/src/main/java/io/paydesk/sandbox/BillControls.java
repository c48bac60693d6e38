package io.paydesk.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run-time switches for {@code /pay/downloadbill}, so that tests and benchmarks can see what a
 * reconciliation must cope with: a bill that is not generated yet, a line WeChat has with another
 * amount, a line missing from the bill, a summary that disagrees with its rows, or a whole bill
 * taken from a file (e.g. one made by {@code generate-bill}). Not persisted; thread-safe.
 */
public final class BillControls {

  /** What WeChat answers while a day's bill is still being generated. */
  static final String NOT_READY_MESSAGE = "Bill Creating";

  static final String NOT_READY_CODE = "20003";

  private final Set<LocalDate> notReady = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> amounts = new ConcurrentHashMap<>();
  private final Set<String> omitted = ConcurrentHashMap.newKeySet();
  private final Map<LocalDate, Path> files = new ConcurrentHashMap<>();
  private final AtomicLong summaryOffset = new AtomicLong();

  /** The bill of {@code date} answers "Bill Creating" until {@link #ready} is called for it. */
  public BillControls notReady(LocalDate date) {
    notReady.add(date);
    return this;
  }

  public BillControls ready(LocalDate date) {
    notReady.remove(date);
    return this;
  }

  /**
   * The payment line of {@code outTradeNo} (or the refund line of an out_refund_no) shows {@code
   * fen} as its amount; the summary adds up the lines as shown.
   */
  public BillControls amount(String outTradeNoOrOutRefundNo, long fen) {
    amounts.put(outTradeNoOrOutRefundNo, fen);
    return this;
  }

  /** The payment line of an out_trade_no, or the refund line of an out_refund_no, is left out. */
  public BillControls omit(String outTradeNoOrOutRefundNo) {
    omitted.add(outTradeNoOrOutRefundNo);
    return this;
  }

  /** The summary's 应结订单总金额 is off by {@code fen} from its rows. */
  public BillControls summaryOffset(long fen) {
    summaryOffset.set(fen);
    return this;
  }

  /**
   * The bill of {@code date} is this file (plain text in WeChat's format, e.g. from {@code
   * generate-bill}), served as it is (gzipped when asked), whatever the sandbox's own books hold.
   */
  public BillControls file(LocalDate date, Path bill) {
    if (!Files.isRegularFile(bill)) {
      throw new IllegalArgumentException("no bill file " + bill);
    }
    files.put(date, bill);
    return this;
  }

  /** Every switch off. */
  public void reset() {
    notReady.clear();
    amounts.clear();
    omitted.clear();
    files.clear();
    summaryOffset.set(0);
  }

  boolean isNotReady(LocalDate date) {
    return notReady.contains(date);
  }

  Path file(LocalDate date) {
    return files.get(date);
  }

  long summaryOffset() {
    return summaryOffset.get();
  }

  /** The line as the bill shows it: null when omitted, with a changed amount when set. */
  Bills.Line apply(Bills.Line line) {
    String reference = line.isRefund() ? line.outRefundNo() : line.outTradeNo();
    if (omitted.contains(reference)) {
      return null;
    }
    Long fen = amounts.get(reference);
    return fen == null ? line : line.withAmount(fen);
  }
}
