package io.paydesk.export;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV that Excel opens as it should (RFC 4180 as Excel reads it): UTF-8 with a byte order mark, so
 * that Excel does not read Chinese as GBK; CRLF line ends; a field with a comma, a quote, a line
 * break or spaces at its ends is quoted, its quotes doubled. Text that starts with {@code = + - @},
 * a tab or a carriage return is written with a leading apostrophe, so that a spreadsheet shows it
 * as text and never runs it as a formula (a buyer's note or a reason like {@code =HYPERLINK(...)});
 * numbers are written as they are.
 *
 * <p>Rows go through a fixed buffer straight to the stream: the writer keeps nothing of a row once
 * it is written, whatever the number of rows.
 */
public final class CsvWriter implements Flushable {

  /** The byte order mark Excel looks for to read a CSV as UTF-8. */
  public static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static final int BUFFER = 16 * 1024;

  private final Writer out;
  private long rows;

  /** Starts the file: writes the byte order mark. */
  public CsvWriter(OutputStream stream) {
    try {
      stream.write(BOM);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER);
  }

  /**
   * Writes one row. A {@link Number} is written as it is; null as an empty field; anything else as
   * text (its {@code toString()}), guarded and quoted as needed.
   */
  public void row(List<?> cells) {
    try {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(field(cells.get(i)));
      }
      out.write("\r\n");
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rows written so far, the header included. */
  public long rows() {
    return rows;
  }

  @Override
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One field as it goes into the file. */
  static String field(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof Number number) {
      return number.toString();
    }
    String text = cell.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    boolean quote =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0
            || !text.isEmpty()
                && (Character.isWhitespace(text.charAt(0))
                    || Character.isWhitespace(text.charAt(text.length() - 1)));
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
