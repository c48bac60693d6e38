package io.paydesk.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The CSV Excel opens as it should, written page by page with one page in memory. */
class CsvWriterTest {

  @Test
  void aFileStartsWithTheBomAndEndsItsLinesWithCrLf() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CsvWriter csv = new CsvWriter(bytes);
    csv.row(List.of("订单号", "金额（元）"));
    csv.row(Arrays.asList("SO1", "19.99"));
    csv.flush();

    byte[] written = bytes.toByteArray();
    assertThat(Arrays.copyOf(written, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(new String(written, 3, written.length - 3, StandardCharsets.UTF_8))
        .isEqualTo("订单号,金额（元）\r\nSO1,19.99\r\n");
    assertThat(csv.rows()).isEqualTo(2);
  }

  @Test
  void fieldsWithCommasQuotesLineBreaksOrEdgeSpacesAreQuoted() {
    assertThat(CsvWriter.field("T恤, 白色")).isEqualTo("\"T恤, 白色\"");
    assertThat(CsvWriter.field("the \"best\" shirt")).isEqualTo("\"the \"\"best\"\" shirt\"");
    assertThat(CsvWriter.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
    assertThat(CsvWriter.field("cr\rlf")).isEqualTo("\"cr\rlf\"");
    assertThat(CsvWriter.field(" padded ")).isEqualTo("\" padded \"");
    assertThat(CsvWriter.field("plain")).isEqualTo("plain");
    assertThat(CsvWriter.field(null)).isEmpty();
    assertThat(CsvWriter.field("")).isEmpty();
  }

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
    assertThat(CsvWriter.field("=HYPERLINK(\"http://evil\",\"x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
    assertThat(CsvWriter.field("+86 138")).isEqualTo("'+86 138");
    assertThat(CsvWriter.field("-2+3")).isEqualTo("'-2+3");
    assertThat(CsvWriter.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvWriter.field("\t=1")).isEqualTo("'\t=1");
    assertThat(CsvWriter.field("a=b")).isEqualTo("a=b");
    // numbers are numbers, whatever their sign
    assertThat(CsvWriter.field(-5L)).isEqualTo("-5");
    assertThat(CsvWriter.field(42)).isEqualTo("42");
  }

  @Test
  void pagesAreAskedForOneAfterTheOtherOnlyOnceThePreviousIsWritten() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CsvWriter csv = new CsvWriter(bytes);
    List<Long> rowsWrittenWhenAsked = new ArrayList<>();

    long written =
        Pages.<Long, Long>write(
            csv,
            null,
            cursor -> {
              rowsWrittenWhenAsked.add(csv.rows());
              long start = cursor == null ? 0 : cursor;
              List<Long> rows = LongStream.range(start, Math.min(start + 3, 7)).boxed().toList();
              return new Pages.Page<>(rows, start + 3 < 7 ? start + 3 : null);
            },
            n -> List.of(n));

    assertThat(written).isEqualTo(7);
    assertThat(rowsWrittenWhenAsked).containsExactly(0L, 3L, 6L);
    assertThat(new String(bytes.toByteArray(), StandardCharsets.UTF_8))
        .endsWith("0\r\n1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n");
  }

  /**
   * Two million rows (about 190 MB of CSV) through a JVM with a 24 MB heap: an export that gathered
   * its rows, or its pages, would run out of memory; the streaming one finishes.
   */
  @Test
  void twoMillionRowsGoThroughA24MegabyteHeap() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-Xmx24m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                LargeExport.class.getName(),
                "2000000")
            .redirectErrorStream(true)
            .start();
    String output;
    boolean done = child.waitFor(120, TimeUnit.SECONDS);
    output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("finished within 2 minutes").isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("rows=2000000");
    long bytes = Long.parseLong(output.replaceAll("(?s).*bytes=(\\d+).*", "$1"));
    assertThat(bytes).isGreaterThan(150_000_000L);
  }

  /** Writes {@code args[0]} rows, 200 a page, into a stream that only counts. */
  public static final class LargeExport {

    public static void main(String[] args) {
      long total = Long.parseLong(args[0]);
      long[] counted = {0};
      OutputStream sink =
          new OutputStream() {
            @Override
            public void write(int b) {
              counted[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
              counted[0] += len;
            }
          };
      CsvWriter csv = new CsvWriter(sink);
      csv.row(List.of("订单号", "out_trade_no", "openid", "金额（元）", "描述"));
      long rows =
          Pages.<String[], Long>write(
              csv,
              0L,
              start -> {
                List<String[]> page = new ArrayList<>(200);
                for (long i = start; i < Math.min(start + 200, total); i++) {
                  page.add(
                      new String[] {
                        "SO2026" + i,
                        "PD" + Long.toHexString(i * 7919) + "0000000000000000",
                        "o-buyer-" + (i % 1000),
                        (i % 100000) / 100 + "." + (i % 100),
                        "T恤, 白色 \"" + i + "\""
                      });
                }
                return new Pages.Page<>(page, start + 200 < total ? start + 200 : null);
              },
              row -> Arrays.asList((Object[]) row));
      System.out.println("rows=" + rows + " bytes=" + counted[0]);
    }
  }
}
