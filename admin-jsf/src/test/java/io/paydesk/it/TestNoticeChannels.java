package io.paydesk.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The channels of the staff notices inside the test JVM, over real HTTPS with a CA of their own
 * that PayDesk is told to trust ({@code paydesk.notices.trust-ca}), as it trusts the sandbox's: a
 * WeCom group robot (webhook {@code /cgi-bin/webhook/send?key=…}, answering {@code
 * {"errcode":0,"errmsg":"ok"}}, 93000 for a key it does not know, 45009 when rate limited) and a
 * Feieyun cloud printer ({@code /Api/Open/}, Open_printMsg with its SHA-1 signature checked). Each
 * can be down (HTTP 503) or refuse.
 */
final class TestNoticeChannels {

  static final String WECOM_KEY = UUID.randomUUID().toString();
  static final String FEIEYUN_USER = "shop@example.com";
  static final String FEIEYUN_UKEY = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  static final String FEIEYUN_SN = "918500001";

  /** How a fake channel answers. */
  enum Mode {
    UP,
    /** HTTP 503, as a gateway in front of a service that is down. */
    DOWN,
    /** The channel answers but refuses: WeCom 45009 (rate limited), Feieyun ret 1002. */
    REFUSING
  }

  /** One printed ticket. */
  record Print(String sn, String content, String printId, int copies) {}

  private static TestNoticeChannels instance;

  private final HttpsServer server;
  private final Path caPem;
  private volatile Mode wecom = Mode.UP;
  private volatile Mode feieyun = Mode.UP;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final List<String> wecomCalls = new CopyOnWriteArrayList<>();
  private final List<Print> prints = new CopyOnWriteArrayList<>();
  private final AtomicInteger printIds = new AtomicInteger();

  static synchronized TestNoticeChannels get() {
    if (instance == null) {
      instance = new TestNoticeChannels();
    }
    return instance;
  }

  private TestNoticeChannels() {
    try {
      KeyPair caKeys = keys();
      X500Name caName = new X500Name("CN=PayDesk test notice channels CA");
      JcaX509v3CertificateBuilder ca = builder(caName, caName, caKeys);
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      ca.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate caCert = sign(ca, caKeys);
      KeyPair serverKeys = keys();
      JcaX509v3CertificateBuilder leaf = builder(caName, new X500Name("CN=127.0.0.1"), serverKeys);
      leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      leaf.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
      X509Certificate serverCert = sign(leaf, caKeys);

      caPem = Files.createTempFile("paydesk-notice-ca", ".pem");
      caPem.toFile().deleteOnExit();
      Files.writeString(
          caPem,
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(caCert.getEncoded())
              + "\n-----END CERTIFICATE-----\n");

      char[] password = UUID.randomUUID().toString().toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "server", serverKeys.getPrivate(), password, new Certificate[] {serverCert, caCert});
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(store, password);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keyManagers.getKeyManagers(), null, null);

      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      server.createContext("/cgi-bin/webhook/send", this::wecom);
      server.createContext("/Api/Open/", this::feieyun);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PayDesk's settings for both channels. */
  Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("paydesk.alerts.wecom.webhook", webhook().toString());
    settings.put("paydesk.notices.trust-ca", caPem.toString());
    settings.put("paydesk.notices.interval", "PT1S");
    settings.put("paydesk.notices.backoff", "PT1S,PT2S");
    settings.put("paydesk.notices.timeout", "PT5S");
    settings.put("paydesk.printing.feieyun.enabled", "true");
    settings.put("paydesk.printing.feieyun.url", base().resolve("/Api/Open/").toString());
    settings.put("paydesk.printing.feieyun.user", FEIEYUN_USER);
    settings.put("paydesk.printing.feieyun.ukey", FEIEYUN_UKEY);
    settings.put("paydesk.printing.feieyun.sn", FEIEYUN_SN);
    return settings;
  }

  URI webhook() {
    return base().resolve("/cgi-bin/webhook/send?key=" + WECOM_KEY);
  }

  void wecom(Mode mode) {
    this.wecom = mode;
  }

  void feieyun(Mode mode) {
    this.feieyun = mode;
  }

  /** The markdown of every message the robot took. */
  List<String> messages() {
    return List.copyOf(messages);
  }

  /** The bodies of every call to the robot, taken or not. */
  List<String> wecomCalls() {
    return List.copyOf(wecomCalls);
  }

  /** Every ticket the printer took. */
  List<Print> prints() {
    return List.copyOf(prints);
  }

  private URI base() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  private void wecom(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      wecomCalls.add(body);
      if (wecom == Mode.DOWN) {
        answer(exchange, 503, "text/html", "<html>503 Service Unavailable</html>");
        return;
      }
      String query = exchange.getRequestURI().getRawQuery();
      if (!"POST".equals(exchange.getRequestMethod())
          || query == null
          || !query.equals("key=" + WECOM_KEY)) {
        answer(
            exchange,
            200,
            "application/json",
            "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
        return;
      }
      if (wecom == Mode.REFUSING) {
        answer(
            exchange,
            200,
            "application/json",
            "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
        return;
      }
      var json = jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject();
      if (!"markdown".equals(json.getString("msgtype", ""))
          || json.getJsonObject("markdown") == null
          || json.getJsonObject("markdown").getString("content", "").isEmpty()) {
        answer(
            exchange,
            200,
            "application/json",
            "{\"errcode\":40008,\"errmsg\":\"invalid message type\"}");
        return;
      }
      String content = json.getJsonObject("markdown").getString("content");
      if (content.getBytes(StandardCharsets.UTF_8).length > 4096) {
        answer(
            exchange,
            200,
            "application/json",
            "{\"errcode\":40058,\"errmsg\":\"content exceed max length\"}");
        return;
      }
      messages.add(content);
      answer(exchange, 200, "application/json", "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }
  }

  private void feieyun(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form =
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (feieyun == Mode.DOWN) {
        answer(exchange, 503, "text/html", "<html>503 Service Unavailable</html>");
        return;
      }
      long stime = Long.parseLong(form.getOrDefault("stime", "0"));
      String expected = sha1(form.get("user") + FEIEYUN_UKEY + form.get("stime"));
      if (!FEIEYUN_USER.equals(form.get("user")) || !expected.equals(form.get("sig"))) {
        feieyunAnswer(exchange, -2, "参数错误 : 签名错误.", null);
      } else if (Math.abs(Instant.now().getEpochSecond() - stime) > 60) {
        feieyunAnswer(exchange, -3, "参数错误 : 时间戳不正确.", null);
      } else if (!"Open_printMsg".equals(form.get("apiname"))) {
        feieyunAnswer(exchange, -2, "参数错误 : apiname.", null);
      } else if (feieyun == Mode.REFUSING || !FEIEYUN_SN.equals(form.get("sn"))) {
        feieyunAnswer(exchange, 1002, "打印机编号错误或未添加", null);
      } else {
        String printId = FEIEYUN_SN + "_" + printIds.incrementAndGet();
        prints.add(
            new Print(
                form.get("sn"),
                form.get("content"),
                printId,
                Integer.parseInt(form.getOrDefault("times", "1"))));
        feieyunAnswer(exchange, 0, "ok", printId);
      }
    }
  }

  private static void feieyunAnswer(HttpExchange exchange, int ret, String msg, String data)
      throws IOException {
    answer(
        exchange,
        200,
        "application/json",
        jakarta.json.Json.createObjectBuilder()
            .add("msg", msg)
            .add("ret", ret)
            .add(
                "data",
                data == null ? jakarta.json.JsonValue.NULL : jakarta.json.Json.createValue(data))
            .add("serverExecutedTime", 3)
            .build()
            .toString());
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(63, new SecureRandom()),
        Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(30))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuer)
      throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }
}
