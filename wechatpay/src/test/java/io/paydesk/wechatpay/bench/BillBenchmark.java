package io.paydesk.wechatpay.bench;

import io.paydesk.wechatpay.bill.BillGenerator;
import io.paydesk.wechatpay.bill.BillReader;
import io.paydesk.wechatpay.bill.BillRow;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Bill parsing throughput and peak heap for a generated bill (default 1,000,000 lines), streamed
 * while it is generated. Run by the {@code bench} profile with {@code -Xmx64m}; prints the figures.
 * The generator's own cost is measured separately and reported beside the parse time.
 */
public final class BillBenchmark {
  private BillBenchmark() {}

  public static void main(String[] args) throws IOException {
    long lines = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    run(lines / 10); // warm-up
    long bytes = drain(new BillGenerator(lines));
    long generateNanos = Long.MAX_VALUE;
    long totalNanos = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      drain(new BillGenerator(lines));
      long t1 = System.nanoTime();
      run(lines);
      long t2 = System.nanoTime();
      generateNanos = Math.min(generateNanos, t1 - t0);
      totalNanos = Math.min(totalNanos, t2 - t1);
    }
    long parseNanos = totalNanos - generateNanos;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "bill: %,d lines, %,d MB of text, max heap %d MiB%n",
        lines, bytes / 1_000_000, Runtime.getRuntime().maxMemory() / (1024 * 1024));
    System.out.printf(
        "bill: generate+parse %.2f s (%,.0f lines/s); generate alone %.2f s;"
            + " parse alone ~%.2f s (%,.0f lines/s, %.0f MB/s)%n",
        totalNanos / 1e9,
        lines / (totalNanos / 1e9),
        generateNanos / 1e9,
        parseNanos / 1e9,
        lines / (parseNanos / 1e9),
        bytes / 1e6 / (parseNanos / 1e9));
    System.out.printf("bill: peak heap used %.1f MiB (sum of heap pool peaks)%n", peak / 1048576.0);
  }

  private static void run(long lines) throws IOException {
    long rows = 0;
    long refunds = 0;
    try (BillReader reader = BillReader.open(new BillGenerator(lines))) {
      while (reader.hasNext()) {
        BillRow row = reader.next();
        rows++;
        refunds += row.refundFee();
      }
      if (rows != reader.summary().tradeCount() || refunds != reader.summary().refundFee()) {
        throw new IllegalStateException("bill did not reconcile");
      }
    }
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
    }
    return total;
  }
}
