package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.bill.BillReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A downloaded bill: either the (plain or GZIP) bill stream, read with {@link #reader()}, or "No
 * Bill Exist" — a day without trades — as an empty bill. Close it.
 */
public final class BillDownload implements Closeable {
  private final InputStream body;

  private BillDownload(InputStream body) {
    this.body = body;
  }

  static BillDownload of(InputStream body) {
    return new BillDownload(body);
  }

  static BillDownload empty() {
    return new BillDownload(null);
  }

  /** True when WeChat answered "No Bill Exist". */
  public boolean isEmpty() {
    return body == null;
  }

  /**
   * The raw (possibly GZIP) bill stream, e.g. to archive it before parsing.
   *
   * @throws IllegalStateException for an empty bill
   */
  public InputStream body() {
    if (body == null) {
      throw new IllegalStateException("no bill exists for that day");
    }
    return body;
  }

  /**
   * A streaming reader of the rows.
   *
   * @throws IllegalStateException for an empty bill (check {@link #isEmpty()})
   */
  public BillReader reader() throws IOException {
    return BillReader.open(body());
  }

  @Override
  public void close() throws IOException {
    if (body != null) {
      body.close();
    }
  }
}
