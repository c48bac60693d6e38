import io.paydesk.wechatpay.bill.BillReader;
import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline of bench/reconciliation.sh: the protocol library's bill parser alone, over the same
 * bill file, in the same run (the best of three passes, after one warm-up).
 *
 * <p>Usage: java -cp wechatpay.jar bench/BillParse.java BILL_FILE
 */
public class BillParse {

  public static void main(String[] args) throws Exception {
    Path bill = Path.of(args[0]);
    double best = Double.MAX_VALUE;
    long rows = 0;
    for (int pass = 0; pass < 4; pass++) {
      long start = System.nanoTime();
      rows = 0;
      try (BillReader reader = BillReader.open(new BufferedInputStream(Files.newInputStream(bill)))) {
        while (reader.hasNext()) {
          reader.next();
          rows++;
        }
        reader.summary();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (pass > 0) {
        best = Math.min(best, seconds);
      }
    }
    System.out.printf("RESULT parser lines=%d seconds=%.2f lines/s=%.0f%n", rows, best, rows / best);
  }
}
