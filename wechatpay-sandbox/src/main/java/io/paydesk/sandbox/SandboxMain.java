package io.paydesk.sandbox;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.SubMerchant;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.zip.GZIPOutputStream;

/**
 * The command line.
 *
 * <pre>
 * java -jar wechatpay-sandbox.jar [serve] [--data-dir DIR | --in-memory] [--port N]
 *     [--merchant appid=..,mch-id=..,api-key-file=PATH|api-key-env=VAR[,unsettled-fen=N]
 *                 [,available-fen=N][,refund-outcome=SUCCESS|CHANGE|REFUNDCLOSE]
 *                 [,refund-notify-url=URL]
 *                 [,api-v3-key-file=PATH|api-v3-key-env=VAR[,v3-verification=public-key|
 *                   platform-certificate]]]...
 *     [--partner appid=..,mch-id=..,api-key-file=PATH|api-key-env=VAR,sub=SUB_MCH_ID[:SUB_APPID]
 *                [,sub=...][,unsettled-fen=N][,available-fen=N][,refund-outcome=..]
 *                [,refund-notify-url=URL]]...
 *     [--config FILE] [--time-scale X] [--refund-delay-ms N] [--close-min-age-s N]
 *     [--refund-min-interval-s N] [--bill-file yyyyMMdd=PATH]
 * java -jar wechatpay-sandbox.jar generate-bill --lines N --out FILE [--gzip] [--date yyyyMMdd]
 *     [--appid ..] [--mch-id ..]
 * </pre>
 *
 * The API keys (v2, and the APIv3 key of a merchant registered for v3) are read from a file or an
 * environment variable, never from the command line, and never printed. A merchant needs a v2 key,
 * an APIv3 key or both; one with only the latter is v3-only. A {@code --partner} is a service
 * provider (服务商, API v2) with the sub-merchants bound to it, each with its own sub_appid or none.
 */
public final class SandboxMain {
  private SandboxMain() {}

  public static void main(String[] args) throws Exception {
    try {
      if (args.length > 0 && args[0].equals("generate-bill")) {
        generateBill(options(args, 1));
        return;
      }
      if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
        System.out.println(usage());
        return;
      }
      int from = args.length > 0 && args[0].equals("serve") ? 1 : 0;
      serve(args, from);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
    }
  }

  static SandboxServer.Builder parse(String[] args, int from) throws IOException {
    SandboxServer.Builder builder = SandboxServer.builder().dataDir(Path.of("data", "sandbox"));
    List<String> merchantSpecs = new ArrayList<>();
    List<String> partnerSpecs = new ArrayList<>();
    List<String> miniProgramSpecs = new ArrayList<>();
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--in-memory")) {
        opts.put("in-memory", "true");
        continue;
      }
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      String value = args[++i];
      if (arg.equals("--merchant")) {
        merchantSpecs.add(value);
      } else if (arg.equals("--partner")) {
        partnerSpecs.add(value);
      } else if (arg.equals("--mini-program")) {
        miniProgramSpecs.add(value);
      } else {
        opts.put(arg.substring(2), value);
      }
    }
    if (opts.containsKey("config")) {
      Properties props = new Properties();
      try (InputStream in = Files.newInputStream(Path.of(opts.remove("config")))) {
        props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
      for (String name : props.stringPropertyNames()) {
        if (name.startsWith("sandbox.merchant") || name.startsWith("sandbox.partner")) {
          continue;
        }
        if (name.startsWith("sandbox.")) {
          opts.putIfAbsent(name.substring("sandbox.".length()), props.getProperty(name).strip());
        }
      }
      merchantSpecs.addAll(specs(props, "sandbox.merchants", "sandbox.merchant."));
      partnerSpecs.addAll(specs(props, "sandbox.partners", "sandbox.partner."));
    }
    for (Map.Entry<String, String> o : opts.entrySet()) {
      String v = o.getValue();
      switch (o.getKey()) {
        case "data-dir" -> builder.dataDir(Path.of(v));
        case "in-memory" -> {
          if (Boolean.parseBoolean(v)) {
            builder.inMemory();
          }
        }
        case "port" -> builder.port(Integer.parseInt(v));
        case "time-scale" -> builder.timeScale(Double.parseDouble(v));
        case "refund-delay-ms" -> builder.refundDelay(Duration.ofMillis(Long.parseLong(v)));
        case "close-min-age-s" -> builder.closeMinAge(Duration.ofSeconds(Long.parseLong(v)));
        case "bill-file" -> {
          int eq = v.indexOf('=');
          if (eq < 0) {
            throw new IllegalArgumentException("--bill-file takes yyyyMMdd=PATH");
          }
          builder.billFile(
              java.time.LocalDate.parse(
                  v.substring(0, eq), java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
              Path.of(v.substring(eq + 1)));
        }
        case "refund-min-interval-s" ->
            builder.refundMinInterval(Duration.ofSeconds(Long.parseLong(v)));
        default -> throw new IllegalArgumentException("unknown option --" + o.getKey());
      }
    }
    if (merchantSpecs.isEmpty() && partnerSpecs.isEmpty()) {
      throw new IllegalArgumentException("configure at least one --merchant or --partner");
    }
    for (String spec : merchantSpecs) {
      builder.merchant(merchant(spec));
    }
    for (String spec : partnerSpecs) {
      builder.merchant(partner(spec));
    }
    for (String spec : miniProgramSpecs) {
      miniProgram(builder, spec);
    }
    return builder;
  }

  /**
   * The specs of {@code sandbox.merchants=a,b} / {@code sandbox.partners=..} in a properties file:
   * {@code <prefix>a.appid=..} and so on; a partner's {@code sub} lists its sub-merchants separated
   * by spaces.
   */
  private static List<String> specs(Properties props, String listName, String prefixBase) {
    List<String> specs = new ArrayList<>();
    for (String id : props.getProperty(listName, "").split(",")) {
      if (id.isBlank()) {
        continue;
      }
      String prefix = prefixBase + id.strip() + ".";
      StringBuilder spec = new StringBuilder();
      for (String name : props.stringPropertyNames()) {
        if (!name.startsWith(prefix)) {
          continue;
        }
        String key = name.substring(prefix.length());
        for (String value :
            key.equals("sub")
                ? props.getProperty(name).strip().split("\\s+")
                : new String[] {props.getProperty(name).strip()}) {
          spec.append(spec.length() > 0 ? "," : "").append(key).append('=').append(value);
        }
      }
      specs.add(spec.toString());
    }
    return specs;
  }

  /**
   * {@code appid=..,mch-id=..,api-key-file=..|api-key-env=..,sub=SUB_MCH_ID[:SUB_APPID][,sub=..]}
   * plus the merchant options of balances and refunds: a service provider (API v2) and the
   * sub-merchants bound to it.
   */
  static SandboxMerchant partner(String spec) throws IOException {
    List<SubMerchant> subs = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    for (String part : spec.split(",")) {
      String p = part.strip();
      if (p.startsWith("sub=")) {
        String value = p.substring(4).strip();
        int colon = value.indexOf(':');
        String subMchId = colon < 0 ? value : value.substring(0, colon).strip();
        if (!subMchId.matches("[0-9A-Za-z_-]{1,32}")) {
          throw new IllegalArgumentException("sub= takes SUB_MCH_ID[:SUB_APPID]: " + value);
        }
        subs.add(new SubMerchant(subMchId, colon < 0 ? null : value.substring(colon + 1).strip()));
      } else if (p.startsWith("api-v3-") || p.startsWith("v3-")) {
        throw new IllegalArgumentException("a partner is API v2 only: " + p);
      } else {
        rest.append(rest.length() > 0 ? "," : "").append(p);
      }
    }
    if (subs.isEmpty()) {
      throw new IllegalArgumentException("a partner needs at least one sub=SUB_MCH_ID[:SUB_APPID]");
    }
    SandboxMerchant m = merchant(rest.toString());
    if (!m.hasApiV2()) {
      throw new IllegalArgumentException("a partner needs api-key-file or api-key-env");
    }
    return m.withSubMerchants(subs);
  }

  /**
   * {@code appid=..,secret-file=..|secret-env=..}: a mini-program whose server API the sandbox
   * plays, with its AppSecret from a file or an environment variable (never the command line).
   */
  static void miniProgram(SandboxServer.Builder builder, String spec) throws IOException {
    Map<String, String> f = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("mini-program option is not name=value: " + part);
      }
      String name = part.substring(0, eq).strip();
      if (!List.of("appid", "secret-file", "secret-env").contains(name)) {
        throw new IllegalArgumentException(
            "unknown mini-program option "
                + name
                + (name.equals("secret") ? " (use secret-file or secret-env)" : ""));
      }
      f.put(name, part.substring(eq + 1).strip());
    }
    String secret = secret(f, "secret-file", "secret-env");
    if (f.get("appid") == null || secret == null) {
      throw new IllegalArgumentException(
          "a mini-program needs appid and secret-file or secret-env");
    }
    builder.miniProgram(f.get("appid"), Secret.of(secret));
  }

  /** {@code appid=..,mch-id=..,api-key-file=..|api-key-env=..[,...]}. */
  static SandboxMerchant merchant(String spec) throws IOException {
    Map<String, String> f = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("merchant option is not name=value: " + part);
      }
      f.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
    }
    for (String name : f.keySet()) {
      if (!List.of(
              "appid",
              "mch-id",
              "api-key-file",
              "api-key-env",
              "unsettled-fen",
              "available-fen",
              "refund-outcome",
              "refund-notify-url",
              "api-v3-key-file",
              "api-v3-key-env",
              "v3-verification")
          .contains(name)) {
        throw new IllegalArgumentException(
            "unknown merchant option "
                + name
                + (name.equals("api-key") ? " (use api-key-file or api-key-env)" : ""));
      }
    }
    String key = secret(f, "api-key-file", "api-key-env");
    String v3Key = secret(f, "api-v3-key-file", "api-v3-key-env");
    if (key == null && v3Key == null) {
      throw new IllegalArgumentException(
          "a merchant needs api-key-file or api-key-env (API v2), api-v3-key-file or"
              + " api-v3-key-env (API v3), or both");
    }
    if (f.containsKey("v3-verification") && v3Key == null) {
      throw new IllegalArgumentException("v3-verification needs api-v3-key-file or api-v3-key-env");
    }
    SandboxMerchant m;
    if (v3Key == null) {
      m = SandboxMerchant.of(f.get("appid"), f.get("mch-id"), Secret.of(key));
    } else {
      SandboxMerchant.V3Verification mode =
          switch (f.getOrDefault("v3-verification", "public-key")) {
            case "public-key" -> SandboxMerchant.V3Verification.PUBLIC_KEY;
            case "platform-certificate" -> SandboxMerchant.V3Verification.PLATFORM_CERTIFICATE;
            default ->
                throw new IllegalArgumentException(
                    "v3-verification is public-key or platform-certificate");
          };
      m =
          key == null
              ? SandboxMerchant.v3Only(f.get("appid"), f.get("mch-id"), Secret.of(v3Key), mode)
              : SandboxMerchant.of(f.get("appid"), f.get("mch-id"), Secret.of(key))
                  .withApiV3(Secret.of(v3Key), mode);
    }
    if (f.containsKey("unsettled-fen")) {
      m = m.withUnsettledFen(Long.parseLong(f.get("unsettled-fen")));
    }
    if (f.containsKey("available-fen")) {
      m = m.withAvailableFen(Long.parseLong(f.get("available-fen")));
    }
    if (f.containsKey("refund-outcome")) {
      m = m.withRefundOutcome(RefundOutcome.valueOf(f.get("refund-outcome")));
    }
    if (f.containsKey("refund-notify-url")) {
      m = m.withRefundNotifyUrl(f.get("refund-notify-url"));
    }
    return m;
  }

  /** A key from a file or an environment variable; null if neither option is given. */
  private static String secret(Map<String, String> f, String fileOption, String envOption)
      throws IOException {
    String key;
    if (f.containsKey(fileOption)) {
      key = Files.readString(Path.of(f.get(fileOption)), StandardCharsets.UTF_8).strip();
    } else if (f.containsKey(envOption)) {
      key = System.getenv(f.get(envOption));
      if (key == null) {
        throw new IllegalArgumentException(
            "environment variable " + f.get(envOption) + " is not set");
      }
      key = key.strip();
    } else {
      return null;
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException(
          "the key of mch-id " + f.get("mch-id") + " (" + fileOption + ") is empty");
    }
    return key;
  }

  private static void serve(String[] args, int from) throws Exception {
    SandboxServer sandbox = parse(args, from).build().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                }));
    System.out.println("WeChat Pay sandbox");
    System.out.println("  base URL    " + sandbox.baseUrl());
    System.out.println("  CA (PEM)    " + sandbox.caCertificatePem());
    System.out.println("  data dir    " + sandbox.dataDir());
    for (String mchId : sandbox.merchantIds()) {
      System.out.println(
          "  merchant    mch_id="
              + mchId
              + " appid="
              + sandbox.appIdOf(mchId)
              + " p12="
              + sandbox.clientCertificate(mchId)
              + " (password = mch_id)");
      if (sandbox.isApiV3(mchId)) {
        System.out.println(
            "  api v3      mch_id="
                + mchId
                + " apiclient_key.pem="
                + sandbox.apiV3PrivateKey(mchId)
                + " serial_no="
                + sandbox.apiV3CertificateSerial(mchId));
      }
    }
    for (String mchId : sandbox.merchantIds()) {
      List<SubMerchant> subs = sandbox.subMerchantsOf(mchId);
      if (!subs.isEmpty()) {
        StringBuilder line = new StringBuilder("  partner     mch_id=" + mchId + " sub=");
        for (int i = 0; i < subs.size(); i++) {
          SubMerchant sub = subs.get(i);
          line.append(i > 0 ? "," : "")
              .append(sub.subMchId())
              .append(sub.hasOwnApp() ? ":" + sub.subAppId() : "");
        }
        System.out.println(line);
      }
    }
    System.out.println(
        "  v3 pub key  "
            + sandbox.weChatPayPublicKey()
            + " id="
            + sandbox.weChatPayPublicKeyId()
            + " (platform certificate serial "
            + sandbox.platformCertificateSerial()
            + ")");
    System.out.println("  buyer page  " + sandbox.baseUrl() + "/sandbox/");
    System.out.println("SANDBOX READY " + sandbox.baseUrl());
    System.out.flush();
    stopped.await();
  }

  private static Map<String, String> options(String[] args, int from) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--gzip")) {
        opts.put("gzip", "true");
      } else if (arg.startsWith("--") && i + 1 < args.length) {
        opts.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
    }
    return opts;
  }

  private static void generateBill(Map<String, String> opts) throws IOException {
    long lines = Long.parseLong(require(opts, "lines"));
    Path out = Path.of(require(opts, "out"));
    LocalDate date =
        opts.containsKey("date")
            ? LocalDate.parse(opts.get("date"), DateTimeFormatter.BASIC_ISO_DATE)
            : LocalDate.now(io.paydesk.wechatpay.BeijingTime.OFFSET).minusDays(1);
    String appId = opts.getOrDefault("appid", "wx2421b1c4370ec43b");
    String mchId = opts.getOrDefault("mch-id", "1900000109");
    boolean gzip = opts.containsKey("gzip");
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    long started = System.nanoTime();
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
        OutputStream sink = gzip ? new GZIPOutputStream(file, 1 << 16) : file) {
      Bills.generate(lines, date, appId, mchId, sink);
    }
    System.out.printf(
        "wrote %d lines (%d bytes%s) to %s in %d ms%n",
        lines,
        Files.size(out),
        gzip ? ", GZIP" : "",
        out,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static String require(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  static String usage() {
    return String.join(
        "\n",
        "usage:",
        "  java -jar wechatpay-sandbox.jar [serve] [--data-dir DIR | --in-memory] [--port N]",
        "      --merchant appid=WX,mch-id=ID,api-key-file=PATH|api-key-env=VAR"
            + "[,unsettled-fen=N][,available-fen=N][,refund-outcome=SUCCESS|CHANGE|REFUNDCLOSE]"
            + "[,refund-notify-url=URL]",
        "               [,api-v3-key-file=PATH|api-v3-key-env=VAR"
            + "[,v3-verification=public-key|platform-certificate]]  (repeatable; api-key-*"
            + " optional with api-v3-key-*)",
        "      --partner appid=WX,mch-id=ID,api-key-file=PATH|api-key-env=VAR"
            + ",sub=SUB_MCH_ID[:SUB_APPID][,sub=...][,unsettled-fen=N][,available-fen=N]"
            + "[,refund-outcome=..][,refund-notify-url=URL]  (repeatable; a service provider)",
        "      [--config FILE.properties] [--time-scale X] [--refund-delay-ms N]"
            + " [--close-min-age-s N] [--refund-min-interval-s N] [--bill-file yyyyMMdd=PATH]"
            + " [--mini-program appid=WX,secret-file=PATH|secret-env=VAR]",
        "  java -jar wechatpay-sandbox.jar generate-bill --lines N --out FILE [--gzip]"
            + " [--date yyyyMMdd] [--appid WX] [--mch-id ID]",
        "defaults: --data-dir data/sandbox --port 8091 --time-scale 1 --refund-delay-ms 10000"
            + " --close-min-age-s 300 --refund-min-interval-s 60");
  }
}
