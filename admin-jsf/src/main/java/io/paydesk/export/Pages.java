package io.paydesk.export;

import java.util.List;
import java.util.function.Function;

/**
 * Writes what a paged query finds, page after page, until the last: each page is asked for only
 * once the previous one is written and dropped, so an export holds one page at a time, however many
 * rows it writes.
 */
public final class Pages {

  private Pages() {}

  /**
   * A page of rows and the cursor of the next one (null on the last page).
   *
   * @param <R> a row
   * @param <C> where a page starts
   */
  public record Page<R, C>(List<R> rows, C next) {}

  /**
   * Writes every row of every page, starting with the page at {@code first} (null: the first);
   * answers the number of rows written.
   */
  public static <R, C> long write(
      CsvWriter csv, C first, Function<C, Page<R, C>> pages, Function<R, List<?>> cells) {
    long written = 0;
    C cursor = first;
    do {
      Page<R, C> page = pages.apply(cursor);
      for (R row : page.rows()) {
        csv.row(cells.apply(row));
        written++;
      }
      cursor = page.next();
    } while (cursor != null);
    csv.flush();
    return written;
  }
}
