package io.paydesk.wechatpay.v3;

import io.paydesk.wechatpay.bill.BillReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A downloaded v3 bill, streamed: the content (GZIP already undone) is hashed as it is read, and
 * reaching its end with a hash other than the announced {@code hash_value} fails the read with an
 * {@link IOException} — so a caller that reads to the end (as {@link BillReader} does) never
 * accepts a changed file. Nothing read before the end is trustworthy on its own. Close it.
 */
public final class BillFile implements Closeable {
  private final HashCheckingStream body;

  BillFile(InputStream content, String hashType, String hashValue) {
    this.body = new HashCheckingStream(content, hashType, hashValue);
  }

  /** The content, checked at its end. */
  public InputStream body() {
    return body;
  }

  /** A streaming reader of the rows (the v2 text format, which v3 bills share). */
  public BillReader reader() throws IOException {
    return BillReader.open(body);
  }

  /** Whether the end was reached and the hash matched. */
  public boolean verified() {
    return body.verified;
  }

  @Override
  public void close() throws IOException {
    body.close();
  }

  private static final class HashCheckingStream extends FilterInputStream {
    private final MessageDigest digest;
    private final String expected;
    private boolean verified;

    HashCheckingStream(InputStream in, String hashType, String hashValue) {
      super(in);
      if (!"SHA1".equalsIgnoreCase(hashType)) {
        throw new IllegalArgumentException("unsupported bill hash_type " + hashType);
      }
      try {
        this.digest = MessageDigest.getInstance("SHA-1");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      this.expected = hashValue.toLowerCase(Locale.ROOT);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        atEnd();
      } else {
        digest.update((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n < 0) {
        atEnd();
      } else {
        digest.update(buf, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("skipping would bypass the bill's hash check");
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void atEnd() throws IOException {
      if (verified) {
        return;
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!MessageDigest.isEqual(
          actual.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
        throw new IOException("bill content does not match its SHA1 hash_value");
      }
      verified = true;
    }
  }
}
