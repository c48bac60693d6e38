package io.paydesk.erp.notices.control;

import io.paydesk.erp.notices.entity.SendOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP client of the staff notices: the JDK's, with TLS verification on; its anchors are the
 * JDK's, or those of a PEM file ({@code paydesk.notices.trust-ca}) when one is named (a company CA,
 * the tests' CA). Made again only when the settings change.
 */
public final class OutboundHttp {

  private record Key(Optional<String> trustCa, Duration timeout) {}

  private static volatile Key key;
  private static volatile HttpClient client;

  private OutboundHttp() {}

  public static HttpClient client(NoticeSettings settings) {
    Key wanted = new Key(settings.trustCa(), settings.timeout());
    synchronized (OutboundHttp.class) {
      if (!wanted.equals(key)) {
        client =
            HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls(settings.trustCa()))
                .build();
        key = wanted;
      }
      return client;
    }
  }

  /**
   * Posts {@code request} and reads the answer with {@code outcome} (HTTP status, body); never
   * throws for the channel's or the network's trouble: no answer in time, no connection or an
   * interruption is a {@link SendOutcome.Retry}. {@code channel} names it in the reasons (a
   * connection failure's reason names its kind only, never the URL, which may hold a key).
   */
  static SendOutcome exchange(
      HttpClient http,
      HttpRequest request,
      String channel,
      BiFunction<Integer, String, SendOutcome> outcome) {
    try {
      HttpResponse<String> answer =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return outcome.apply(answer.statusCode(), answer.body());
    } catch (HttpTimeoutException e) {
      return new SendOutcome.Retry(channel + " did not answer in time");
    } catch (IOException e) {
      return new SendOutcome.Retry(channel + " unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendOutcome.Retry("interrupted");
    }
  }

  private static SSLContext tls(Optional<String> trustCa) {
    try {
      if (trustCa.isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      try (InputStream in = Files.newInputStream(Path.of(trustCa.get()))) {
        int n = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          anchors.setCertificateEntry("ca-" + n++, c);
        }
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(anchors);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("paydesk.notices.trust-ca cannot be read", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("paydesk.notices.trust-ca is not a PEM certificate", e);
    }
  }
}
