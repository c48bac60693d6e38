package io.paydesk.wechatpay.bill;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.Yuan;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * Streams a downloadbill trade bill (ALL, SUCCESS or REFUND; plain or GZIP, detected by its magic
 * bytes), one {@link BillRow} at a time: memory does not grow with the bill.
 *
 * <p>Columns are found by header name (old layout and the 免充值券 layout). Fields are split on the
 * backtick-field boundary {@code ,`}, so a comma inside a field (a product name such as {@code
 * T恤,白色}) stays in the field. When the rows end, the summary line is read and checked against the
 * rows: a mismatch, a missing summary (a truncated download) or a malformed line throws a {@link
 * BillFormatException} from {@link #hasNext()}. Not thread-safe.
 *
 * <pre>{@code
 * try (BillReader bill = BillReader.open(in)) {
 *   bill.stream().forEach(reconciliation::check);
 *   BillSummary summary = bill.summary();
 * }
 * }</pre>
 */
public final class BillReader implements Iterator<BillRow>, Closeable {
  private static final String SUMMARY_START = "总交易单数";
  private static final int FEE_SCALE = 5;

  private final BufferedReader in;
  private final List<String> header;
  private final int[] index;
  private final Totals totals = new Totals();
  private final boolean strictSummary;
  private final List<BillSummaryMismatchException> mismatches = new ArrayList<>();
  private long lineNumber = 1;
  private BillRow next;
  private BillSummary summary;

  private BillReader(BufferedReader in, List<String> header, boolean strictSummary) {
    this.in = in;
    this.header = header;
    this.strictSummary = strictSummary;
    this.index = new int[Column.values().length];
    Arrays.fill(index, -1);
    for (Column column : Column.values()) {
      index[column.ordinal()] = find(header, column.names);
    }
    for (Column required :
        List.of(
            Column.TRADE_TIME,
            Column.OUT_TRADE_NO,
            Column.TRADE_STATE,
            Column.SETTLEMENT_TOTAL_FEE)) {
      if (index[required.ordinal()] < 0) {
        throw new BillFormatException("header has no column " + required.names.get(0));
      }
    }
  }

  /**
   * Reads the header line of a bill. The stream is closed by {@link #close()}.
   *
   * @throws BillFormatException if the first line is not a trade bill header
   */
  public static BillReader open(InputStream raw) throws IOException {
    return open(raw, true);
  }

  /**
   * Like {@link #open(InputStream)}, but a summary that disagrees with the rows is no error: {@link
   * #summary()} answers it as written and {@link #summaryMismatches()} says where it disagrees
   * (reconciliation records that instead of giving up on the bill). A missing summary or a
   * malformed line still throws.
   */
  public static BillReader openTolerant(InputStream raw) throws IOException {
    return open(raw, false);
  }

  private static BillReader open(InputStream raw, boolean strictSummary) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream body =
        b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
    String first = reader.readLine();
    if (first == null || first.isBlank()) {
      reader.close();
      throw new BillFormatException("bill is empty: no header line");
    }
    if (first.charAt(0) == '\uFEFF') {
      first = first.substring(1);
    }
    List<String> header = new ArrayList<>();
    for (String name : first.split(",", -1)) {
      header.add(name.strip());
    }
    try {
      return new BillReader(reader, Collections.unmodifiableList(header), strictSummary);
    } catch (BillFormatException e) {
      reader.close();
      throw e;
    }
  }

  /** The detail header's column names, in file order. */
  public List<String> header() {
    return header;
  }

  /** True if the header has the 免充值券 layout's columns (订单金额, 申请退款金额, 费率备注...). */
  public boolean isCouponLayout() {
    return index[Column.TOTAL_FEE.ordinal()] >= 0;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (summary != null) {
      return false;
    }
    try {
      String line;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        if (line.startsWith(SUMMARY_START)) {
          summary = readSummary(line);
          return false;
        }
        next = parseRow(line);
        totals.add(next);
        return true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("bill unreadable at line " + lineNumber, e);
    }
    throw new BillFormatException("bill ends at line " + lineNumber + " without its summary");
  }

  @Override
  public BillRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    BillRow row = next;
    next = null;
    return row;
  }

  /** The rows as a sequential stream; closing the stream closes this reader. */
  public Stream<BillRow> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                this, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE),
            false)
        .onClose(this::closeUnchecked);
  }

  /**
   * The summary, once every row has been read and checked.
   *
   * @throws IllegalStateException before the rows are exhausted
   */
  public BillSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("read every row first");
    }
    return summary;
  }

  /**
   * Where the summary disagrees with the rows (empty when it agrees); only a reader from {@link
   * #openTolerant} gets this far with a disagreeing summary.
   *
   * @throws IllegalStateException before the rows are exhausted
   */
  public List<BillSummaryMismatchException> summaryMismatches() {
    summary();
    return List.copyOf(mismatches);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void closeUnchecked() {
    try {
      close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private BillRow parseRow(String line) {
    String[] f = split(line, header.size());
    return new BillRow(
        time(f, Column.TRADE_TIME),
        text(f, Column.APP_ID),
        text(f, Column.MCH_ID),
        text(f, Column.SUB_MCH_ID),
        text(f, Column.DEVICE_INFO),
        text(f, Column.TRANSACTION_ID),
        text(f, Column.OUT_TRADE_NO),
        text(f, Column.OPENID),
        text(f, Column.TRADE_TYPE),
        text(f, Column.TRADE_STATE),
        text(f, Column.BANK_TYPE),
        text(f, Column.CURRENCY),
        fen(f, Column.SETTLEMENT_TOTAL_FEE),
        fen(f, Column.COUPON_FEE),
        time(f, Column.REFUND_APPLY_TIME),
        time(f, Column.REFUND_SUCCESS_TIME),
        text(f, Column.REFUND_ID),
        text(f, Column.OUT_REFUND_NO),
        fen(f, Column.REFUND_FEE),
        fen(f, Column.COUPON_REFUND_FEE),
        text(f, Column.REFUND_TYPE),
        text(f, Column.REFUND_STATUS),
        text(f, Column.PRODUCT_NAME),
        text(f, Column.ATTACH),
        units(f, Column.SERVICE_FEE, FEE_SCALE, 0L),
        text(f, Column.RATE),
        index[Column.TOTAL_FEE.ordinal()] < 0 ? null : fen(f, Column.TOTAL_FEE),
        index[Column.APPLY_REFUND_FEE.ordinal()] < 0 ? null : fen(f, Column.APPLY_REFUND_FEE),
        text(f, Column.RATE_REMARK));
  }

  private BillSummary readSummary(String headerLine) throws IOException {
    List<String> names = new ArrayList<>();
    for (String name : headerLine.split(",", -1)) {
      names.add(name.strip());
    }
    String line = in.readLine();
    lineNumber++;
    if (line == null) {
      throw new BillFormatException("bill ends at line " + lineNumber + " without summary values");
    }
    String[] values = split(line, names.size());
    Map<SummaryColumn, String> raw = new EnumMap<>(SummaryColumn.class);
    for (SummaryColumn column : SummaryColumn.values()) {
      int i = find(names, column.names);
      if (i >= 0) {
        raw.put(column, values[i]);
      }
    }
    for (String rest; (rest = in.readLine()) != null; ) {
      lineNumber++;
      if (!rest.isBlank()) {
        throw new BillFormatException("unexpected line " + lineNumber + " after the summary");
      }
    }
    if (!raw.containsKey(SummaryColumn.TRADE_COUNT)
        || !raw.containsKey(SummaryColumn.SETTLEMENT_TOTAL_FEE)) {
      throw new BillFormatException("summary header lacks 总交易单数 or the order total");
    }
    BillSummary result =
        new BillSummary(
            summaryCount(raw.get(SummaryColumn.TRADE_COUNT)),
            summaryUnits(raw.get(SummaryColumn.SETTLEMENT_TOTAL_FEE), 2),
            optionalSummary(raw, SummaryColumn.REFUND_FEE, 2),
            optionalSummary(raw, SummaryColumn.COUPON_REFUND_FEE, 2),
            raw.containsKey(SummaryColumn.SERVICE_FEE)
                ? summaryUnits(raw.get(SummaryColumn.SERVICE_FEE), FEE_SCALE)
                : totals.fee,
            optionalSummary(raw, SummaryColumn.TOTAL_FEE, 2),
            optionalSummary(raw, SummaryColumn.APPLY_REFUND_FEE, 2));
    totals.check(result, names, mismatches);
    if (strictSummary && !mismatches.isEmpty()) {
      throw mismatches.get(0);
    }
    return result;
  }

  private Long optionalSummary(Map<SummaryColumn, String> raw, SummaryColumn column, int scale) {
    return raw.containsKey(column) ? summaryUnits(raw.get(column), scale) : null;
  }

  private long summaryCount(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new BillFormatException("summary count is not a number at line " + lineNumber);
    }
  }

  private long summaryUnits(String text, int scale) {
    try {
      return Yuan.toUnits(text, scale);
    } catch (NumberFormatException e) {
      throw new BillFormatException("summary amount is not exact at line " + lineNumber);
    }
  }

  /** Splits a backtick line on the {@code ,`} boundaries. */
  private String[] split(String line, int expected) {
    if (line.charAt(0) != '`') {
      throw new BillFormatException("line " + lineNumber + " does not start with a backtick");
    }
    String[] fields = new String[expected];
    int count = 0;
    int start = 1;
    while (true) {
      int boundary = line.indexOf(",`", start);
      int end = boundary < 0 ? line.length() : boundary;
      if (count == expected) {
        throw new BillFormatException(
            "line " + lineNumber + " has more than the header's " + expected + " fields");
      }
      fields[count++] = line.substring(start, end);
      if (boundary < 0) {
        break;
      }
      start = boundary + 2;
    }
    if (count != expected) {
      throw new BillFormatException(
          "line " + lineNumber + " has " + count + " fields, the header " + expected);
    }
    return fields;
  }

  private String text(String[] f, Column column) {
    int i = index[column.ordinal()];
    return i < 0 ? null : f[i];
  }

  private Instant time(String[] f, Column column) {
    String value = text(f, column);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return BeijingTime.parse(value);
    } catch (IllegalArgumentException e) {
      throw new BillFormatException(
          "line " + lineNumber + ": " + column.names.get(0) + " is not a time");
    }
  }

  private long fen(String[] f, Column column) {
    return units(f, column, 2, 0L);
  }

  private long units(String[] f, Column column, int scale, long absent) {
    String value = text(f, column);
    if (value == null) {
      return absent;
    }
    try {
      return Yuan.toUnits(value, scale);
    } catch (NumberFormatException e) {
      throw new BillFormatException(
          "line " + lineNumber + ": " + column.names.get(0) + " is not an exact amount");
    }
  }

  private static int find(List<String> header, List<String> names) {
    for (String name : names) {
      int i = header.indexOf(name);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** Running sums of the rows, to check the summary. */
  private static final class Totals {
    long count;
    long settlementAll;
    long settlementPayments;
    long refund;
    long couponRefund;
    long fee;
    long totalAll;
    long totalPayments;
    long applyRefund;

    void add(BillRow row) {
      count++;
      settlementAll += row.settlementTotalFee();
      refund += row.refundFee();
      couponRefund += row.couponRefundFee();
      fee += row.serviceFeeMilliFen();
      long total = row.totalFee() == null ? 0 : row.totalFee();
      totalAll += total;
      applyRefund += row.applyRefundFee() == null ? 0 : row.applyRefundFee();
      if (!row.isRefund()) {
        settlementPayments += row.settlementTotalFee();
        totalPayments += total;
      }
    }

    /**
     * Count, refund and fee totals must match exactly. Order totals match either the sum over all
     * rows or over the payment rows only (WeChat's documentation leaves open whether refund lines
     * repeat the order amount in the ALL bill); anything else is a mismatch.
     */
    void check(BillSummary s, List<String> names, List<BillSummaryMismatchException> found) {
      same(found, name(names, SummaryColumn.TRADE_COUNT), s.tradeCount(), count);
      either(
          found,
          name(names, SummaryColumn.SETTLEMENT_TOTAL_FEE),
          s.settlementTotalFee(),
          settlementAll,
          settlementPayments);
      if (s.refundFee() != null) {
        same(found, name(names, SummaryColumn.REFUND_FEE), s.refundFee(), refund);
      }
      if (s.couponRefundFee() != null) {
        same(
            found, name(names, SummaryColumn.COUPON_REFUND_FEE), s.couponRefundFee(), couponRefund);
      }
      same(found, name(names, SummaryColumn.SERVICE_FEE), s.serviceFeeMilliFen(), fee);
      if (s.totalFee() != null) {
        either(found, name(names, SummaryColumn.TOTAL_FEE), s.totalFee(), totalAll, totalPayments);
      }
      if (s.applyRefundFee() != null) {
        same(found, name(names, SummaryColumn.APPLY_REFUND_FEE), s.applyRefundFee(), applyRefund);
      }
    }

    private static String name(List<String> names, SummaryColumn column) {
      int i = find(names, column.names);
      return i < 0 ? column.names.get(0) : names.get(i);
    }

    private static void same(
        List<BillSummaryMismatchException> found, String column, long summary, long computed) {
      if (summary != computed) {
        found.add(new BillSummaryMismatchException(column, summary, computed));
      }
    }

    private static void either(
        List<BillSummaryMismatchException> found,
        String column,
        long summary,
        long all,
        long payments) {
      if (summary != all && summary != payments) {
        found.add(new BillSummaryMismatchException(column, summary, all));
      }
    }
  }
}
