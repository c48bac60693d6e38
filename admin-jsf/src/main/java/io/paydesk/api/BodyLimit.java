package io.paydesk.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * No API body over 64 KiB: a declared larger one is refused at once (413 problem), an undeclared
 * (chunked) one fails once it passes the limit (400 problem: unreadable). PayDesk's largest honest
 * body, an order with its items, is a few KiB. WeChat's notify URLs have their own, smaller limit.
 */
@Provider
@PreMatching
public class BodyLimit implements ContainerRequestFilter {

  static final int LIMIT = 64 * 1024;

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (path.startsWith("wechat/notify") || path.startsWith("wechat/v3/notify")) {
      return; // answered in WeChat's XML or JSON, with its own limit (WeChatNotifyResource)
    }
    if (request.getLength() > LIMIT) {
      request.abortWith(
          Problem.of(
                  413,
                  "PAYLOAD_TOO_LARGE",
                  "The body is too large",
                  "a body has at most " + LIMIT + " bytes")
              .toResponse());
      return;
    }
    request.setEntityStream(new Limited(request.getEntityStream()));
  }

  /** Fails a read past the limit. */
  static final class Limited extends FilterInputStream {
    private long read;

    Limited(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > LIMIT) {
        throw new IOException("the body has more than " + LIMIT + " bytes");
      }
    }
  }
}
