package io.paydesk.wechatpay.bill;

/**
 * Parses a generated bill of {@code args[0]} lines and prints {@code rows=N}; run in a JVM whose
 * heap is far smaller than the bill to show the parser streams.
 */
public final class BoundedMemoryBillCheck {
  private BoundedMemoryBillCheck() {}

  public static void main(String[] args) throws Exception {
    long lines = Long.parseLong(args[0]);
    long rows = 0;
    try (BillReader reader = BillReader.open(new BillGenerator(lines))) {
      while (reader.hasNext()) {
        reader.next();
        rows++;
      }
      System.out.println("rows=" + rows + " summaryCount=" + reader.summary().tradeCount());
    }
  }
}
