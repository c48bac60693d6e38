package io.paydesk.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.paydesk.wechatpay.notify.NotifyAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A notify_url on 127.0.0.1 for tests: records every arrival (nanoTime, body) and answers FAIL to
 * the first {@code failures} of them, then SUCCESS.
 */
final class NotifyReceiver implements AutoCloseable {
  record Arrival(long nanos, byte[] body) {}

  private final HttpServer server;
  private final List<Arrival> arrivals = new ArrayList<>();
  private final AtomicInteger failuresLeft;

  NotifyReceiver(int failures) throws IOException {
    failuresLeft = new AtomicInteger(failures);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          synchronized (arrivals) {
            arrivals.add(new Arrival(System.nanoTime(), body));
          }
          String answer =
              failuresLeft.getAndDecrement() > 0
                  ? NotifyAnswer.fail("not yet")
                  : NotifyAnswer.SUCCESS;
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  /** {@code http://127.0.0.1:<port>/<path>}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  List<Arrival> arrivals() {
    synchronized (arrivals) {
      return new ArrayList<>(arrivals);
    }
  }

  int count() {
    return arrivals().size();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
