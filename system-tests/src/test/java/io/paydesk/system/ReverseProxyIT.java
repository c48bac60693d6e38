package io.paydesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * The README's reverse proxy, tested: Debian's nginx with {@code deploy/nginx/paydesk.conf} (its
 * placeholders filled in) in front of a running PayDesk, TLS from a test CA made here. The public
 * listener passes WeChat's notify URLs and nothing else; the intranet listener serves the console
 * over HTTPS with a Secure, SameSite session cookie and HSTS, and the shop API. nginx runs with its
 * own prefix on loopback ports ({@code -Dpaydesk.it.nginx}, default {@code /usr/sbin/nginx}; {@code
 * ./paydesk test} installs it).
 */
class ReverseProxyIT {

  private static final String NGINX = System.getProperty("paydesk.it.nginx", "/usr/sbin/nginx");
  private static final Path CONFIG = Path.of("..", "deploy", "nginx", "paydesk.conf");

  @Test
  void onlyTheNotifyUrlsArePublicAndTheConsoleRunsOverHttpsOnTheIntranet() throws Exception {
    Path work = Files.createTempDirectory("paydesk-proxy");
    int port = PayDeskRestartIT.freePort();
    int publicPort = PayDeskRestartIT.freePort();
    int intranetPort = PayDeskRestartIT.freePort();
    String adminPassword = "admin-" + UUID.randomUUID();
    Map<String, String> env = new HashMap<>(PayDeskRestartIT.environment(work, port));
    env.put("PAYDESK_ADMIN_INITIAL_PASSWORD", adminPassword);
    env.put("PAYDESK_SECURITY_TRUSTED_PROXIES", "127.0.0.1");
    Path ca = certificates(work);

    try (MicroProcess paydesk = new MicroProcess(PayDeskRestartIT.ARTIFACTS, work, port, env)) {
      paydesk.start();
      Process nginx = nginx(work, port, publicPort, intranetPort);
      try {
        HttpClient client = client(ca, new CookieManager());
        URI internet = URI.create("https://127.0.0.1:" + publicPort + "/");
        URI intranet = URI.create("https://127.0.0.1:" + intranetPort + "/");

        // the internet reaches WeChat's notify URLs (PayDesk answers in WeChat's XML) ...
        HttpResponse<String> notify =
            client.send(
                HttpRequest.newBuilder(internet.resolve("api/wechat/notify/pay"))
                    .header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString("<xml><return_code>x</return_code>"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notify.statusCode()).isEqualTo(200);
        assertThat(notify.body()).contains("<return_code><![CDATA[FAIL]]></return_code>");
        // ... and nothing else: not the console, the shop API, OpenAPI or metrics
        for (String path :
            List.of(
                "admin/",
                "admin/login.xhtml",
                "api/orders/x",
                "api/staff/clients",
                "openapi",
                "metrics",
                "health/ready")) {
          HttpResponse<String> closed =
              client.send(
                  HttpRequest.newBuilder(internet.resolve(path))
                      .header("Authorization", "Bearer " + io.paydesk.it.TestApiKey.VALUE)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(closed.statusCode()).as(path).isEqualTo(404);
        }

        // the intranet: the login page over HTTPS, its cookie Secure, SameSite and HttpOnly, HSTS
        HttpResponse<String> login =
            client.send(
                HttpRequest.newBuilder(intranet.resolve("admin/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie"))
            .anySatisfy(
                cookie ->
                    assertThat(cookie)
                        .startsWith("JSESSIONID=")
                        .containsIgnoringCase("; Secure")
                        .containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
        assertThat(login.headers().firstValue("Strict-Transport-Security"))
            .hasValue("max-age=31536000");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
            .contains("'nonce-");

        // a member of staff logs in and lands on the dashboard, still over HTTPS
        Matcher viewState =
            Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(login.body());
        assertThat(viewState.find()).as("view state on the login page").isTrue();
        String form =
            form(
                Map.of(
                    "login", "login",
                    "username", "admin",
                    "password", adminPassword,
                    "submit", "",
                    "jakarta.faces.ViewState", viewState.group(1)));
        HttpResponse<String> loggedIn =
            client.send(
                HttpRequest.newBuilder(intranet.resolve("admin/login.xhtml"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElse(""))
            .startsWith(intranet.toString());
        HttpResponse<String> dashboard =
            client.send(
                HttpRequest.newBuilder(intranet.resolve("admin/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("id=\"current-user\"").contains("admin");

        // the shop API on the intranet
        HttpResponse<String> order =
            client.send(
                HttpRequest.newBuilder(intranet.resolve("api/orders/NO-SUCH-ORDER"))
                    .header("Authorization", "Bearer " + io.paydesk.it.TestApiKey.VALUE)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(order.statusCode()).isEqualTo(404);
        assertThat(order.headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/problem+json");
      } finally {
        nginx.destroy();
        nginx.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** A test CA and a certificate for 127.0.0.1 signed by it (openssl); answers the CA's PEM. */
  private static Path certificates(Path work) throws IOException, InterruptedException {
    Path extensions = work.resolve("server.ext");
    Files.writeString(
        extensions,
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
            + "extendedKeyUsage=serverAuth\n");
    run(
        work,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-subj",
        "/CN=PayDesk test CA");
    run(
        work,
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1");
    run(
        work,
        "openssl",
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        "server.pem",
        "-extfile",
        "server.ext");
    return work.resolve("ca.pem");
  }

  /** nginx with its own prefix: the repository's paydesk.conf inside a minimal main config. */
  private static Process nginx(Path work, int paydesk, int publicPort, int intranetPort)
      throws IOException, InterruptedException {
    Path prefix = Files.createDirectories(work.resolve("nginx"));
    Files.createDirectories(prefix.resolve("logs"));
    String site =
        Files.readString(CONFIG)
            .replace("@PAYDESK@", "127.0.0.1:" + paydesk)
            .replace("@PUBLIC_LISTEN@", "127.0.0.1:" + publicPort)
            .replace("@INTRANET_LISTEN@", "127.0.0.1:" + intranetPort)
            .replace("@CERTIFICATE@", work.resolve("server.pem").toString())
            .replace("@CERTIFICATE_KEY@", work.resolve("server.key").toString());
    // every placeholder filled (the file's own comment names them as @...@)
    assertThat(site).doesNotContainPattern("@[A-Z_]+@");
    Files.writeString(prefix.resolve("paydesk.conf"), site);
    String temp = prefix.resolve("temp").toString();
    Files.writeString(
        prefix.resolve("nginx.conf"),
        String.join(
            "\n",
            "root".equals(System.getProperty("user.name")) ? "user root;" : "",
            "worker_processes 1;",
            "pid " + prefix.resolve("nginx.pid") + ";",
            "error_log " + prefix.resolve("logs/error.log") + " info;",
            "events { worker_connections 256; }",
            "http {",
            "  access_log " + prefix.resolve("logs/access.log") + ";",
            "  client_body_temp_path " + temp + "/body;",
            "  proxy_temp_path " + temp + "/proxy;",
            "  fastcgi_temp_path " + temp + "/fastcgi;",
            "  uwsgi_temp_path " + temp + "/uwsgi;",
            "  scgi_temp_path " + temp + "/scgi;",
            "  include " + prefix.resolve("paydesk.conf") + ";",
            "}",
            ""));
    Files.createDirectories(Path.of(temp));
    assertThat(Path.of(NGINX)).as("nginx (./paydesk test installs it)").isExecutable();
    run(
        prefix,
        NGINX,
        "-t",
        "-p",
        prefix.toString(),
        "-c",
        prefix.resolve("nginx.conf").toString());
    Process nginx =
        new ProcessBuilder(
                NGINX,
                "-p",
                prefix.toString(),
                "-c",
                prefix.resolve("nginx.conf").toString(),
                "-g",
                "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("logs/nginx.out").toFile())
            .start();
    for (int i = 0; i < 100 && !listening(intranetPort); i++) {
      Thread.sleep(100);
    }
    assertThat(listening(intranetPort)).as("nginx listening").isTrue();
    return nginx;
  }

  private static boolean listening(int port) {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** An HTTPS client trusting the test CA only; it keeps cookies and does not follow redirects. */
  private static HttpClient client(Path ca, CookieManager cookies) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream pem = Files.newInputStream(ca)) {
      trust.setCertificateEntry(
          "test-ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trustManagers.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(tls)
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static String form(Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach(
        (name, value) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return body.toString();
  }

  private static void run(Path directory, String... command)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("commands.log").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    assertThat(process.exitValue())
        .as(String.join(" ", command) + ": " + Files.readString(directory.resolve("commands.log")))
        .isZero();
  }
}
