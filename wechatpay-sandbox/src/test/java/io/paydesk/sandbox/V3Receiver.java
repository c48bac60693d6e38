package io.paydesk.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.paydesk.wechatpay.v3.crypto.SignatureHeaders;
import io.paydesk.wechatpay.v3.notify.ApiV3NotificationDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A v3 notify_url on 127.0.0.1 for tests: records each arrival (nanoTime, signature headers, body)
 * and answers 500 {@code {"code":"FAIL"}} to the first {@code failures}, then 204.
 */
final class V3Receiver implements AutoCloseable {
  record Arrival(long nanos, SignatureHeaders headers, byte[] body) {}

  private final HttpServer server;
  private final List<Arrival> arrivals = new ArrayList<>();
  private final AtomicInteger failuresLeft;

  V3Receiver(int failures) throws IOException {
    failuresLeft = new AtomicInteger(failures);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          SignatureHeaders h =
              SignatureHeaders.from(name -> exchange.getRequestHeaders().getFirst(name));
          synchronized (arrivals) {
            arrivals.add(new Arrival(System.nanoTime(), h, body));
          }
          if (failuresLeft.getAndDecrement() > 0) {
            byte[] fail =
                ApiV3NotificationDecoder.failAnswer("not yet").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, fail.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(fail);
            }
          } else {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

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
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
