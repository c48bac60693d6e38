package io.paydesk.wechatpay.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/** An HTTPS server on 127.0.0.1 that answers like WeChat, as the test scripts it. */
final class FakeWeChat implements AutoCloseable {

  /** What the server saw of one request. */
  record Seen(String path, byte[] body, Certificate[] peerCertificates) {}

  /** Produces the answer to a request. */
  interface Handler {
    void handle(Seen request, HttpExchange exchange) throws Exception;
  }

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private volatile Handler handler;

  FakeWeChat(SSLContext context, boolean needClientAuth, Handler handler) throws IOException {
    this.handler = handler;
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
            parameters.setNeedClientAuth(needClientAuth);
            params.setSSLParameters(parameters);
          }
        });
    server.createContext("/", this::serve);
    server.setExecutor(executor);
    server.start();
  }

  URI baseUrl() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  void answer(Handler next) {
    this.handler = next;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Certificate[] peer = null;
      try {
        peer = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
      } catch (SSLPeerUnverifiedException e) {
        // no client certificate
      }
      Seen request = new Seen(exchange.getRequestURI().getPath(), body, peer);
      seen.add(request);
      handler.handle(request, exchange);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IOException(e);
    }
  }

  static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static Map<String, String> none() {
    return Map.of();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
