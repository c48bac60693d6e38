package io.paydesk.sandbox;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An emulator of WeChat Pay's API v2 server, embeddable in tests and runnable alone ({@link
 * SandboxMain}). It serves {@code /pay/unifiedorder}, {@code /pay/orderquery}, {@code
 * /pay/closeorder}, {@code /secapi/pay/refund}, {@code /pay/refundquery} and {@code
 * /pay/downloadbill} — and, for merchants registered for it, API v3 under {@code /v3/} ({@link
 * ApiV3Handler}) on the same order book — over HTTPS on 127.0.0.1 with its own CA, plays the buyer
 * and WeChat's back end (payments, refund outcomes, notifications with WeChat's retry schedule) and
 * injects faults.
 *
 * <pre>{@code
 * try (SandboxServer sandbox = SandboxServer.builder()
 *         .port(0).inMemory().timeScale(0.01)
 *         .merchant(SandboxMerchant.of("wx2421b1c4370ec43b", "1900000109", Secret.of(key)))
 *         .build().start()) {
 *   WeChatPayConfig config = new WeChatPayConfig(sandbox.baseUrl(), merchant,
 *       TrustConfig.pemFile(sandbox.caCertificatePem()),
 *       new ClientCertificate(sandbox.clientCertificate("1900000109"), Secret.of("1900000109")),
 *       Duration.ofSeconds(5), Duration.ofSeconds(10));
 *   ...
 *   sandbox.pay(prepayId);
 * }
 * }</pre>
 */
public final class SandboxServer implements AutoCloseable {
  /** The default port of the standalone sandbox. */
  public static final int DEFAULT_PORT = 8091;

  private final Builder config;
  private final Path dir;
  private final boolean temporaryDir;
  private final Faults faults = new Faults();
  private final BillControls bills = new BillControls();
  private final MiniPrograms miniPrograms;
  private Pki pki;
  private V3Keys v3Keys;
  private Ledger ledger;
  private CallLog log;
  private Journal journal;
  private Notifier notifier;
  private HttpsServer server;
  private ExecutorService httpThreads;
  private ScheduledExecutorService scheduler;

  private SandboxServer(Builder config) {
    this.config = config;
    this.miniPrograms = new MiniPrograms(config.clock);
    config.miniProgramSecrets.forEach(miniPrograms::register);
    try {
      if (config.dataDir == null) {
        this.dir = Files.createTempDirectory("wechatpay-sandbox");
        this.temporaryDir = true;
      } else {
        this.dir = Files.createDirectories(config.dataDir.toAbsolutePath());
        this.temporaryDir = false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory", e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates (or loads) the PKI and the state, and starts listening on 127.0.0.1.
   *
   * @return this
   */
  public synchronized SandboxServer start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    config.billFiles.forEach(bills::file);
    pki = Pki.openOrCreate(dir);
    v3Keys = V3Keys.openOrCreate(dir, pki);
    for (SandboxMerchant m : config.merchants.values()) {
      pki.clientCertificate(m.mchId());
      if (m.apiV3() != null) {
        v3Keys.merchantCertificate(m.mchId());
      }
    }
    journal = temporaryDir ? Journal.inMemory() : Journal.onDisk(dir.resolve("journal.log"));
    log = new CallLog(temporaryDir ? null : dir.resolve("calls.log"));
    ledger =
        new Ledger(
            config.merchants.values(),
            config.clock,
            journal,
            new Ledger.Rules(config.closeMinAge, config.refundMinInterval));
    scheduler = Executors.newScheduledThreadPool(2, daemon("sandbox-backend"));
    notifier = new Notifier(scheduler, config.timeScale, faults, log, ledger, v3Keys);
    ledger.onPaid(notifier::payment);
    ledger.onRefundAccepted(this::scheduleRefundCompletion);
    try {
      server =
          HttpsServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + config.port, e);
    }
    SSLContext tls = pki.serverContext();
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters ssl = tls.getDefaultSSLParameters();
            // one port serves both: a client certificate is asked for, and /secapi requires it
            ssl.setWantClientAuth(true);
            params.setSSLParameters(ssl);
          }
        });
    ApiHandler api = new ApiHandler(ledger, pki, faults, bills, log, config.clock);
    server.createContext("/pay/", api);
    server.createContext("/secapi/", api);
    server.createContext(
        "/v3/", new ApiV3Handler(ledger, v3Keys, faults, bills, log, config.clock));
    server.createContext("/sandbox", new ControlHandler(ledger, faults, log));
    MiniProgramHandler miniProgram = new MiniProgramHandler(miniPrograms, ledger, log);
    server.createContext("/cgi-bin/", miniProgram);
    server.createContext("/wxa/", miniProgram);
    server.createContext("/sandbox/mini-program/", new MiniProgramControls(miniPrograms));
    httpThreads = Executors.newFixedThreadPool(16, daemon("sandbox-http"));
    server.setExecutor(httpThreads);
    server.start();
    resume();
    return this;
  }

  /** {@code https://127.0.0.1:<port>}: the base URL for any v2 client. */
  public URI baseUrl() {
    requireStarted();
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    requireStarted();
    return server.getAddress().getPort();
  }

  /** The data directory (a temporary one, deleted by {@link #close()}, when in memory). */
  public Path dataDir() {
    return dir;
  }

  /** {@code <data>/ca.pem}: the CA to trust ({@code TrustConfig.pemFile}). */
  public Path caCertificatePem() {
    requireStarted();
    return pki.caPem();
  }

  /** {@code <data>/merchants/<mchId>/apiclient_cert.p12}, password = mch_id. */
  public Path clientCertificate(String mchId) {
    requireStarted();
    if (ledger.merchant(mchId) == null) {
      throw new IllegalArgumentException("unknown mch_id " + mchId);
    }
    return pki.clientCertificate(mchId);
  }

  // ------------------------------------------------------------------ API v3

  /** {@code <data>/merchants/<mchId>/apiclient_key.pem}: a v3 merchant's RSA key (PKCS#8). */
  public Path apiV3PrivateKey(String mchId) {
    return v3Keys.merchantKeyPem(requireV3(mchId));
  }

  /** {@code <data>/merchants/<mchId>/apiclient_cert.pem}: a v3 merchant's API certificate. */
  public Path apiV3Certificate(String mchId) {
    return v3Keys.merchantCertificatePem(requireV3(mchId));
  }

  /** The serial number (upper-case hex) of a v3 merchant's API certificate. */
  public String apiV3CertificateSerial(String mchId) {
    return io.paydesk.wechatpay.v3.crypto.Pem.serial(v3Keys.merchantCertificate(requireV3(mchId)));
  }

  /** {@code <data>/wechatpay/pub_key.pem}: the WeChat Pay public key (public key mode). */
  public Path weChatPayPublicKey() {
    requireStarted();
    return v3Keys.publicKeyPem();
  }

  /** The WeChat Pay public key's id ({@code PUB_KEY_ID_…}), sent as {@code Wechatpay-Serial}. */
  public String weChatPayPublicKeyId() {
    requireStarted();
    return v3Keys.publicKeyId();
  }

  /** The serial of the platform certificate that signs now (platform certificate mode). */
  public String platformCertificateSerial() {
    requireStarted();
    return v3Keys.currentPlatform().serial();
  }

  /**
   * Issues a new platform certificate that signs from now on; the previous ones stay listed by
   * {@code /v3/certificates} until they expire, as during WeChat's rotations.
   *
   * @return the new serial
   */
  public String rotatePlatformCertificate() {
    requireStarted();
    return v3Keys.rotatePlatformCertificate().serial();
  }

  /** Whether the merchant is registered for API v3. */
  public boolean isApiV3(String mchId) {
    SandboxMerchant m = config.merchants.get(mchId);
    return m != null && m.apiV3() != null;
  }

  private String requireV3(String mchId) {
    requireStarted();
    SandboxMerchant m = config.merchants.get(mchId);
    if (m == null || m.apiV3() == null) {
      throw new IllegalArgumentException("not a v3 merchant: " + mchId);
    }
    return mchId;
  }

  /** The configured merchants' mch_ids, in configuration order. */
  public List<String> merchantIds() {
    return new ArrayList<>(config.merchants.keySet());
  }

  /**
   * The sub-merchants bound to a service provider (empty for a direct merchant).
   *
   * @throws IllegalArgumentException for an unknown mch_id
   */
  public List<io.paydesk.wechatpay.SubMerchant> subMerchantsOf(String mchId) {
    SandboxMerchant m = config.merchants.get(mchId);
    if (m == null) {
      throw new IllegalArgumentException("unknown mch_id " + mchId);
    }
    return m.subMerchants();
  }

  /** The appid configured for a mch_id. */
  public String appIdOf(String mchId) {
    SandboxMerchant m = config.merchants.get(mchId);
    if (m == null) {
      throw new IllegalArgumentException("unknown mch_id " + mchId);
    }
    return m.appId();
  }

  // ------------------------------------------------------------------ the buyer

  /** The buyer pays the order of {@code prepayId}; its payment notification starts. */
  public Payment pay(String prepayId) {
    return pay(prepayId, "CMB_DEBIT");
  }

  /** The buyer pays with the given bank ({@code bank_type}, e.g. {@code ICBC_DEBIT}). */
  public Payment pay(String prepayId, String bankType) {
    requireStarted();
    Order o = ledger.pay(prepayId, bankType);
    log.add("BUYER", "pay", o.mchId, "outTradeNo=" + o.outTradeNo, "pay");
    return new Payment(
        o.mchId, o.outTradeNo, o.transactionId(), o.totalFee, o.timeEnd(), o.subMchId());
  }

  /** The buyer's payment fails: PAYERROR, no notification; the buyer may try again. */
  public void failPayment(String prepayId) {
    requireStarted();
    ledger.failPayment(prepayId);
  }

  /** The buyer closes the payment sheet: the order stays NOTPAY. */
  public void abandon(String prepayId) {
    requireStarted();
    ledger.abandon(prepayId);
  }

  /** The current prepay_id of an order, or null if the order does not exist. */
  public String prepayId(String mchId, String outTradeNo) {
    requireStarted();
    Order o = ledger.order(mchId, outTradeNo);
    return o == null ? null : o.prepayId();
  }

  /** The current prepay_id of a service provider's order for a sub-merchant, or null. */
  public String prepayId(String mchId, String subMchId, String outTradeNo) {
    requireStarted();
    Order o = ledger.order(Order.owner(mchId, subMchId), outTradeNo);
    return o == null ? null : o.prepayId();
  }

  /**
   * WeChat's ledger of an order's refunds, oldest first: what a test compares PayDesk's refunds
   * with (one entry per out_refund_no WeChat accepted, whatever was sent how often).
   */
  public List<RefundEntry> refunds(String mchId, String outTradeNo) {
    requireStarted();
    return ledger.refundsOf(mchId, outTradeNo).stream()
        .map(r -> new RefundEntry(r.outRefundNo, r.refundId, r.refundFee, r.state().name()))
        .toList();
  }

  // ------------------------------------------------------------------ controls

  /**
   * The mini-programs' server API (access tokens, shipping information): its faults and what was
   * uploaded. See {@link MiniPrograms}.
   */
  public MiniPrograms miniPrograms() {
    return miniPrograms;
  }

  /** The run-time fault switches (the admin endpoint changes the same object). */
  public Faults faults() {
    return faults;
  }

  /** Switches for the bills: not ready yet, changed or missing lines, a wrong summary, a file. */
  public BillControls bills() {
    return bills;
  }

  /** Sets a merchant's unsettled funds and/or available balance (null: unchanged). */
  public void setBalance(String mchId, Long unsettledFen, Long availableFen) {
    requireStarted();
    ledger.setBalance(mchId, unsettledFen, availableFen);
  }

  /** {unsettled, available} in fen. */
  public long[] balance(String mchId) {
    requireStarted();
    return ledger.balance(mchId);
  }

  /** The outcome of the refund with this out_refund_no (set before or while it is processing). */
  public void setRefundOutcome(String outRefundNo, RefundOutcome outcome) {
    requireStarted();
    ledger.setRefundOutcome(outRefundNo, outcome);
  }

  /** The outcome of a merchant's refunds when no rule or per-refund choice applies. */
  public void setDefaultRefundOutcome(String mchId, RefundOutcome outcome) {
    requireStarted();
    ledger.setDefaultRefundOutcome(mchId, outcome);
  }

  /** Refunds of {@code minFee..maxFee} fen (inclusive) get {@code outcome}; first rule wins. */
  public void addRefundOutcomeRule(String mchId, long minFee, long maxFee, RefundOutcome outcome) {
    requireStarted();
    ledger.addRefundRule(mchId, new Ledger.OutcomeRule(minFee, maxFee, outcome));
  }

  /** Every API call and notification attempt. */
  public CallLog callLog() {
    requireStarted();
    return log;
  }

  /** Stops listening and sending, closes the journal; deletes the temporary directory. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    notifier.close();
    server.stop(0);
    httpThreads.shutdownNow();
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
      httpThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    journal.close();
    log.close();
    server = null;
    if (temporaryDir) {
      deleteTree(dir);
    }
  }

  /**
   * A refund as WeChat holds it: amount in fen, {@code state} WeChat's refund_status (PROCESSING,
   * SUCCESS, CHANGE, REFUNDCLOSE).
   */
  public record RefundEntry(String outRefundNo, String refundId, long refundFee, String state) {}

  /**
   * A payment the buyer made.
   *
   * @param mchId the merchant's, or the service provider's
   * @param subMchId the sub-merchant of a service provider's order, else null
   */
  public record Payment(
      String mchId,
      String outTradeNo,
      String transactionId,
      long totalFee,
      Instant timeEnd,
      String subMchId) {}

  private void scheduleRefundCompletion(Refund refund) {
    scheduler.schedule(
        () -> {
          Refund done = ledger.completeRefund(refund.owner(), refund.outRefundNo);
          if (done != null) {
            notifier.refund(done);
          }
        },
        config.refundDelay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** After a restart: finish processing refunds and resume unacknowledged notifications. */
  private void resume() {
    ledger.unnotifiedPayments().forEach(notifier::payment);
    ledger.refundsInState(RefundState.PROCESSING).forEach(this::scheduleRefundCompletion);
    ledger.unnotifiedFinishedRefunds().forEach(notifier::refund);
  }

  private void requireStarted() {
    if (server == null) {
      throw new IllegalStateException("the sandbox is not running: start() it");
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  /** Configuration of a {@link SandboxServer}. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private Path dataDir;
    private final Map<String, SandboxMerchant> merchants = new LinkedHashMap<>();
    private double timeScale = 1;
    private Clock clock = Clock.systemUTC();
    private Duration refundDelay = Duration.ofSeconds(10);
    private Duration closeMinAge = Duration.ofMinutes(5);
    private Duration refundMinInterval = Duration.ofMinutes(1);
    private final Map<java.time.LocalDate, Path> billFiles = new LinkedHashMap<>();
    private final Map<String, io.paydesk.wechatpay.Secret> miniProgramSecrets =
        new LinkedHashMap<>();

    private Builder() {}

    /** The bill of {@code date} is served from this file (see {@link BillControls#file}). */
    public Builder billFile(java.time.LocalDate date, Path bill) {
      billFiles.put(Objects.requireNonNull(date), Objects.requireNonNull(bill));
      return this;
    }

    /** The port on 127.0.0.1 (default 8091; 0 = any free port). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port);
      }
      this.port = port;
      return this;
    }

    /** State, CA and certificates in this directory; kept across restarts. */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir);
      return this;
    }

    /** State in memory; CA and certificates in a temporary directory deleted on close (default). */
    public Builder inMemory() {
      this.dataDir = null;
      return this;
    }

    public Builder merchant(SandboxMerchant merchant) {
      if (merchants.putIfAbsent(merchant.mchId(), merchant) != null) {
        throw new IllegalArgumentException("mch_id configured twice: " + merchant.mchId());
      }
      return this;
    }

    public Builder merchants(Collection<SandboxMerchant> all) {
      all.forEach(this::merchant);
      return this;
    }

    /**
     * The factor applied to WeChat's notification delays (default 1 = real time; 0.01 makes 15 s
     * into 150 ms, 100 times faster).
     */
    public Builder timeScale(double factor) {
      if (!(factor > 0)) {
        throw new IllegalArgumentException("time scale must be positive");
      }
      this.timeScale = factor;
      return this;
    }

    /** The clock for business times (order ages, expiry, time_end, bills). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How long a refund stays PROCESSING (default 10 s; not time-scaled). */
    public Builder refundDelay(Duration delay) {
      this.refundDelay = Objects.requireNonNull(delay);
      return this;
    }

    /** How old an order must be before closeorder accepts it (default 5 minutes). */
    public Builder closeMinAge(Duration age) {
      this.closeMinAge = Objects.requireNonNull(age);
      return this;
    }

    /** The least time between two refunds of one order (default 1 minute, as WeChat). */
    public Builder refundMinInterval(Duration interval) {
      this.refundMinInterval = Objects.requireNonNull(interval);
      return this;
    }

    /**
     * Plays WeChat's mini-program server API for {@code appId} (a merchant's appid), whose
     * AppSecret is {@code appSecret}: stable_token, upload_shipping_info, get_order.
     */
    public Builder miniProgram(String appId, io.paydesk.wechatpay.Secret appSecret) {
      miniProgramSecrets.put(appId, appSecret);
      return this;
    }

    public SandboxServer build() {
      if (merchants.isEmpty()) {
        throw new IllegalArgumentException("configure at least one merchant");
      }
      java.util.Set<String> bound = new java.util.HashSet<>();
      for (SandboxMerchant m : merchants.values()) {
        for (io.paydesk.wechatpay.SubMerchant sub : m.subMerchants()) {
          if (merchants.containsKey(sub.subMchId()) || !bound.add(sub.subMchId())) {
            throw new IllegalArgumentException(
                "sub_mch_id "
                    + sub.subMchId()
                    + " is also a merchant or bound to two service providers");
          }
        }
      }
      return new SandboxServer(this);
    }
  }
}
