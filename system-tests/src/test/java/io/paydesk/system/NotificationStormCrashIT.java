package io.paydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.Http;
import io.paydesk.it.Notifications;
import io.paydesk.it.TestBroker;
import io.paydesk.it.TestSandbox;
import io.paydesk.sandbox.SandboxMerchant;
import io.paydesk.sandbox.SandboxServer;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro is killed (SIGKILL) in the middle of a payment notification storm and started again.
 * WeChat is the sandbox itself: buyers pay through it, and it repeats each notification on its
 * (time-scaled) schedule until PayDesk acknowledges it; a forger meanwhile sends bad notifications
 * (tampered amount, unsigned, signed with a wrong key, with a DOCTYPE, forged for orders nobody
 * paid). Afterwards PayDesk's payments equal the sandbox's exactly, nothing forged was applied, and
 * the ERP received every OrderPaid once after eventId dedupe.
 *
 * <p>Sized for CI ({@value #CI_ORDERS} orders, one strike per store); {@code
 * -Dpaydesk.crash.orders=N} and {@code -Dpaydesk.crash.strikes=K} make it larger. {@code
 * -Dpaydesk.crash.h2-url=...} runs the default-store case on another H2 URL (to measure one).
 */
class NotificationStormCrashIT {

  static final int CI_ORDERS = 240;
  static final int ORDERS = Integer.getInteger("paydesk.crash.orders", CI_ORDERS);
  static final int STRIKES = Integer.getInteger("paydesk.crash.strikes", 1);

  /** One order in ten is never paid: the forger claims those. */
  static final int UNPAID_EVERY = 10;

  @Test
  void onTheDefaultStoreNoAcknowledgedPaymentIsLost() throws Exception {
    Path work = Files.createTempDirectory("paydesk-storm-h2");
    int port = PayDeskRestartIT.freePort();
    Map<String, String> env = new HashMap<>(PayDeskRestartIT.environment(work, port, sandbox()));
    String h2 = System.getProperty("paydesk.crash.h2-url");
    if (h2 != null && !h2.isBlank()) {
      env.put("PAYDESK_DB_URL", h2.replace("{dir}", work.resolve("data").toString()));
    }
    storm(work, port, env, "h2", Strike.PAYDESK_KILLED, TestBroker.get().url());
  }

  @Test
  void onPostgresNoAcknowledgedPaymentIsLost() throws Exception {
    Path work = Files.createTempDirectory("paydesk-storm-pg");
    int port = PayDeskRestartIT.freePort();
    Map<String, String> env = new HashMap<>(PayDeskRestartIT.environment(work, port, sandbox()));
    env.putAll(MicroProcess.postgres("storm_" + UUID.randomUUID().toString().substring(0, 8)));
    storm(work, port, env, "postgres", Strike.PAYDESK_KILLED, TestBroker.get().url());
  }

  /**
   * The broker (a process of its own) is SIGKILLed in the storm and started again on its journal:
   * PayDesk keeps acknowledging notifications (the events wait in the outbox), and every OrderPaid
   * reaches the ERP once after dedupe.
   */
  @Test
  void onTheDefaultStoreTheBrokerKilledInTheStormLosesNothing() throws Exception {
    Path work = Files.createTempDirectory("paydesk-storm-broker");
    int port = PayDeskRestartIT.freePort();
    try (BrokerProcess broker =
        new BrokerProcess(
            Files.createDirectories(work.resolve("broker")),
            PayDeskRestartIT.freePort(),
            TestBroker.PASSWORD)) {
      broker.start();
      Map<String, String> env = new HashMap<>(PayDeskRestartIT.environment(work, port, sandbox()));
      env.put("PAYDESK_JMS_PORT", Integer.toString(broker.port()));
      storm(work, port, env, "h2", brokerKilled(broker), broker.url());
    }
  }

  /**
   * PostgreSQL is stopped hard (SIGQUIT: no checkpoint, crash recovery at the next start) in the
   * storm and started again after {@value #DATABASE_DOWN_SECONDS} s: meanwhile WeChat's
   * notifications are answered FAIL, never SUCCESS, and readiness is DOWN; afterwards WeChat's
   * repeats succeed and the ledger is exact.
   */
  @Test
  void onPostgresADatabaseStoppedHardInTheStormLosesNothing() throws Exception {
    Path work = Files.createTempDirectory("paydesk-storm-pg-down");
    int port = PayDeskRestartIT.freePort();
    Map<String, String> env = new HashMap<>(PayDeskRestartIT.environment(work, port, sandbox()));
    String name = "stormdb_" + UUID.randomUUID().toString().substring(0, 8);
    env.putAll(MicroProcess.postgres(name));
    // the test server runs with synchronous_commit=off (zonky's default, for speed): a commit
    // returns before its WAL is written, and a crash of PostgreSQL itself loses it. Production
    // runs with the default, on; so does this database.
    try (var db = java.sql.DriverManager.getConnection(env.get("PAYDESK_DB_URL"), "postgres", "");
        var sql = db.createStatement()) {
      sql.execute("ALTER DATABASE " + name + " SET synchronous_commit = on");
    }
    storm(work, port, env, "postgres", new DatabaseStoppedHard(), TestBroker.get().url());
  }

  static final int DATABASE_DOWN_SECONDS = 10;

  /**
   * What strikes once a good part of a wave of payments is acknowledged, while buyers still pay:
   * {@link #down} takes something away, {@link #up} brings it back once the buyers are done.
   */
  interface Strike {
    void down(MicroProcess paydesk, Outage outage) throws Exception;

    void up(MicroProcess paydesk) throws Exception;

    /** A short name for the result line. */
    default String label() {
      return getClass().getSimpleName();
    }

    /** Payara Micro killed (SIGKILL) and started again. */
    Strike PAYDESK_KILLED =
        new Strike() {
          @Override
          public void down(MicroProcess paydesk, Outage outage) throws InterruptedException {
            paydesk.kill();
          }

          @Override
          public void up(MicroProcess paydesk) throws Exception {
            paydesk.start();
          }

          @Override
          public String label() {
            return "paydesk-killed";
          }
        };
  }

  /** What a strike may look at while it is down: the shop's view and payments made so far. */
  record Outage(ShopClient shop, Map<String, SandboxServer.Payment> paid) {}

  static Strike brokerKilled(BrokerProcess broker) {
    return new Strike() {
      @Override
      public void down(MicroProcess paydesk, Outage outage) throws InterruptedException {
        broker.kill();
        // notifications go on being acknowledged while the broker is away
        Thread.sleep(5_000);
      }

      @Override
      public void up(MicroProcess paydesk) throws Exception {
        broker.start();
      }

      @Override
      public String label() {
        return "broker-killed";
      }
    };
  }

  /** PostgreSQL stopped hard; checks what WeChat and a load balancer see meanwhile. */
  static final class DatabaseStoppedHard implements Strike {
    @Override
    public void down(MicroProcess paydesk, Outage outage) throws Exception {
      io.paydesk.it.TestPostgres.get().stopHard();
      Instant stopped = Instant.now();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> outage.shop().readiness().status() != 200);
      // a genuine, correctly signed notification of a paid order: FAIL while the database is gone
      SandboxServer.Payment payment = outage.paid().values().iterator().next();
      String genuine =
          Notifications.signed(
              Notifications.paid(
                  payment.outTradeNo(), payment.transactionId(), payment.totalFee()));
      Http.Answer answer = outage.shop().notifyPayment(genuine);
      assertThat(answer.body()).as("answer while the database is down").doesNotContain("SUCCESS");
      assertThat(answer.body()).contains("<return_code><![CDATA[FAIL]]>");
      Thread.sleep(Math.max(0, DATABASE_DOWN_SECONDS * 1000L - elapsedMillis(stopped)));
      assertThat(outage.shop().readiness().status()).as("readiness while down").isNotEqualTo(200);
      // WeChat's own notifications in the outage (after a grace for commits already on their way)
      Instant graceOver = stopped.plusSeconds(2);
      List<String> acked =
          sandbox().callLog().last(10_000).stream()
              .filter(e -> "PAY_NOTIFY".equals(e.kind()) && e.at().isAfter(graceOver))
              .filter(e -> e.outcome().contains("ack=true"))
              .map(e -> e.reference())
              .toList();
      assertThat(acked).as("notifications acknowledged while the database was down").isEmpty();
      long refused =
          sandbox().callLog().last(10_000).stream()
              .filter(e -> "PAY_NOTIFY".equals(e.kind()) && e.at().isAfter(graceOver))
              .count();
      System.out.printf(
          "RESULT database-down notifications-answered-fail=%d in %ds%n",
          refused, DATABASE_DOWN_SECONDS);
    }

    @Override
    public void up(MicroProcess paydesk) {
      io.paydesk.it.TestPostgres.get().start();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> readyAgain(paydesk));
    }

    private static boolean readyAgain(MicroProcess paydesk) {
      try {
        return new ShopClient(paydesk.url()).readiness().status() == 200;
      } catch (RuntimeException notYet) {
        return false;
      }
    }

    private static long elapsedMillis(Instant since) {
      return Duration.between(since, Instant.now()).toMillis();
    }
  }

  private static SandboxServer sandbox;

  /**
   * WeChat for this test alone, playing the tests' merchant: its notification schedule runs 200
   * times faster than WeChat's (repeats after 75 ms, 75 ms, 150 ms, 0.9 s, 3 s, 6 s, 9 s, ... 54
   * s), so that a PayDesk that was down for minutes is notified again soon after it is back.
   */
  static synchronized SandboxServer sandbox() {
    if (sandbox == null) {
      sandbox =
          SandboxServer.builder()
              .port(0)
              .inMemory()
              .merchant(
                  SandboxMerchant.of(
                      TestSandbox.APP_ID, TestSandbox.MCH_ID, Secret.of(TestSandbox.API_KEY)))
              .timeScale(0.005)
              .build()
              .start();
    }
    return sandbox;
  }

  private void storm(
      Path work, int port, Map<String, String> env, String store, Strike strike, String brokerUrl)
      throws Exception {
    SandboxServer sandbox = sandbox();
    String prefix = "ST" + Long.toString(System.nanoTime(), 36).toUpperCase();
    try (MicroProcess paydesk = new MicroProcess(PayDeskRestartIT.ARTIFACTS, work, port, env);
        ErpEvents erp = new ErpEvents(brokerUrl)) {
      Instant booting = Instant.now();
      paydesk.start();
      Duration firstBoot = Duration.between(booting, Instant.now());
      ShopClient shop = new ShopClient(paydesk.url());
      List<ShopClient.OpenPayment> orders = open(shop, prefix);
      List<ShopClient.OpenPayment> unpaid = new ArrayList<>();
      List<ShopClient.OpenPayment> toPay = new ArrayList<>();
      for (int i = 0; i < orders.size(); i++) {
        (i % UNPAID_EVERY == 0 ? unpaid : toPay).add(orders.get(i));
      }

      Map<String, SandboxServer.Payment> paid = new ConcurrentHashMap<>();
      Set<String> ackedBeforeKills = new TreeSet<>();
      Forger forger = new Forger(shop, orders, unpaid);
      forger.start();
      int perStrike = (toPay.size() + STRIKES - 1) / STRIKES;
      Duration restarts = Duration.ZERO;
      for (int round = 0; round < STRIKES; round++) {
        List<ShopClient.OpenPayment> wave =
            toPay.subList(round * perStrike, Math.min(toPay.size(), (round + 1) * perStrike));
        ExecutorService buyers = Executors.newFixedThreadPool(4);
        for (ShopClient.OpenPayment o : wave) {
          buyers.execute(
              () -> {
                paid.put(o.outTradeNo(), sandbox.pay(o.prepayId()));
                pause(15);
              });
        }
        // strike once a good part of the wave is acknowledged, while buyers still pay
        Set<String> waveTrades =
            wave.stream().map(ShopClient.OpenPayment::outTradeNo).collect(Collectors.toSet());
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> acknowledged(sandbox, waveTrades).size() >= wave.size() * 2 / 5);
        strike.down(paydesk, new Outage(shop, paid));
        ackedBeforeKills.addAll(acknowledged(sandbox, waveTrades));
        buyers.shutdown();
        assertThat(buyers.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        Instant restarting = Instant.now();
        strike.up(paydesk);
        restarts = restarts.plus(Duration.between(restarting, Instant.now()));
      }
      assertThat(paid).hasSize(toPay.size());

      // WeChat repeats what PayDesk did not acknowledge; then every payment is acknowledged
      Set<String> allPaid = paid.keySet();
      Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
      while (acknowledged(sandbox, allPaid).size() < allPaid.size()
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(1000);
      }
      Set<String> unacknowledged = new TreeSet<>(allPaid);
      unacknowledged.removeAll(acknowledged(sandbox, allPaid));
      forger.stop();

      // PayDesk's payments equal the sandbox's ledger: orders, amounts, transaction ids
      Map<String, String> lost = new TreeMap<>();
      Map<String, ShopClient.OrderState> states = new HashMap<>();
      for (ShopClient.OpenPayment o : orders) {
        states.put(o.orderNo(), shop.order(o.orderNo()));
      }
      for (ShopClient.OpenPayment o : toPay) {
        ShopClient.OrderState state = states.get(o.orderNo());
        if (!"PAID".equals(state.status())) {
          lost.put(o.orderNo(), state.status());
        }
      }
      System.out.printf(
          "RESULT storm store=%s strike=%s orders=%d paid=%d strikes=%d acked-before-kill=%d lost=%d"
              + " (of them acknowledged before a kill: %d) unacknowledged=%d forged-sent=%d"
              + " first-boot=%ds restart=%ds%n",
          store,
          strike.label(),
          orders.size(),
          paid.size(),
          STRIKES,
          ackedBeforeKills.size(),
          lost.size(),
          lost.keySet().stream()
              .filter(
                  no ->
                      toPay.stream()
                          .anyMatch(
                              o ->
                                  o.orderNo().equals(no)
                                      && ackedBeforeKills.contains(o.outTradeNo())))
              .count(),
          unacknowledged.size(),
          forger.sent.get(),
          firstBoot.toSeconds(),
          restarts.toSeconds() / STRIKES);
      assertThat(lost).as("paid orders not PAID in PayDesk").isEmpty();
      assertThat(unacknowledged).as("payments WeChat is still notifying").isEmpty();
      for (ShopClient.OpenPayment o : toPay) {
        SandboxServer.Payment payment = paid.get(o.outTradeNo());
        ShopClient.OrderState state = states.get(o.orderNo());
        assertThat(state.transactionId()).as(o.orderNo()).isEqualTo(payment.transactionId());
        assertThat(state.amount()).as(o.orderNo()).isEqualTo(payment.totalFee());
        assertThat(state.paidTransitions()).as(o.orderNo()).isEqualTo(1);
      }
      for (ShopClient.OpenPayment o : unpaid) {
        assertThat(states.get(o.orderNo()).status()).as(o.orderNo()).isNotEqualTo("PAID");
      }
      assertThat(forger.accepted).as("forged notifications PayDesk acknowledged").isEmpty();

      // every OrderPaid reached the ERP, once after eventId dedupe, and nothing else was paid
      Set<String> paidOrders =
          toPay.stream().map(ShopClient.OpenPayment::orderNo).collect(Collectors.toSet());
      await()
          .atMost(Duration.ofMinutes(2))
          .untilAsserted(
              () -> assertThat(erp.of("OrderPaid", prefix).keySet()).containsAll(paidOrders));
      Map<String, Set<String>> events = erp.of("OrderPaid", prefix);
      assertThat(events.keySet()).isEqualTo(paidOrders);
      events.forEach((orderNo, ids) -> assertThat(ids).as(orderNo).hasSize(1));
    }
  }

  private static List<ShopClient.OpenPayment> open(ShopClient shop, String prefix)
      throws InterruptedException {
    List<ShopClient.OpenPayment> orders = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<ShopClient.OpenPayment>> futures = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      String orderNo = prefix + String.format("%06d", i);
      long amount = 100 + i;
      futures.add(pool.submit(() -> shop.openPayment(orderNo, amount)));
    }
    for (var f : futures) {
      try {
        orders.add(f.get());
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    pool.shutdown();
    return orders;
  }

  /** The out_trade_nos among {@code trades} whose payment notification PayDesk acknowledged. */
  static Set<String> acknowledged(SandboxServer sandbox, Set<String> trades) {
    Set<String> acked = new java.util.HashSet<>();
    for (var e : sandbox.callLog().last(10_000)) {
      if ("PAY_NOTIFY".equals(e.kind()) && e.outcome().contains("ack=true")) {
        String trade = e.reference().substring("outTradeNo=".length());
        if (trades.contains(trade)) {
          acked.add(trade);
        }
      }
    }
    return acked;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends bad payment notifications to PayDesk until stopped, one kind after another, and records
   * any that PayDesk acknowledged (there must be none).
   */
  static final class Forger {
    private final ShopClient shop;
    private final List<ShopClient.OpenPayment> orders;
    private final List<ShopClient.OpenPayment> unpaid;
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger sent = new AtomicInteger();
    final List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
    private Thread thread;

    Forger(
        ShopClient shop, List<ShopClient.OpenPayment> orders, List<ShopClient.OpenPayment> unpaid) {
      this.shop = shop;
      this.orders = orders;
      this.unpaid = unpaid;
    }

    void start() {
      thread = new Thread(this::run, "forger");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    private void run() {
      Secret wrongKey = Secret.of(UUID.randomUUID().toString().replace("-", ""));
      int n = 0;
      while (running.get()) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        ShopClient.OpenPayment any = orders.get(random.nextInt(orders.size()));
        ShopClient.OpenPayment never = unpaid.get(random.nextInt(unpaid.size()));
        String forgedId = "4200FORGED" + random.nextLong(1_000_000_000L, 9_999_999_999L);
        String body =
            switch (n++ % 5) {
              case 0 -> tamperedAmount(any, forgedId);
              case 1 ->
                  Notifications.unsigned(
                      Notifications.paid(any.outTradeNo(), forgedId, any.amount()));
              case 2 ->
                  signedWith(
                      wrongKey, Notifications.paid(any.outTradeNo(), forgedId, any.amount()));
              case 3 -> doctype(any, forgedId);
              default ->
                  signedWith(
                      wrongKey, Notifications.paid(never.outTradeNo(), forgedId, never.amount()));
            };
        try {
          var answer = shop.notifyPayment(body);
          sent.incrementAndGet();
          if (answer.status() == 200
              && answer.body().contains("<return_code><![CDATA[SUCCESS]]>")) {
            accepted.add(body);
          }
        } catch (RuntimeException down) {
          // PayDesk is down (killed, starting): try again
          pause(50);
        }
        pause(5);
      }
    }

    private static String tamperedAmount(ShopClient.OpenPayment order, String transactionId) {
      Map<String, String> fields =
          new java.util.LinkedHashMap<>(
              new Signer(TestSandbox.merchant().apiKey())
                  .signed(
                      Notifications.paid(order.outTradeNo(), transactionId, order.amount()),
                      SignType.MD5));
      fields.put("total_fee", "1");
      fields.put("cash_fee", "1");
      return WeChatXml.write(fields);
    }

    private static String signedWith(Secret key, Map<String, String> fields) {
      return WeChatXml.write(new Signer(key).signed(fields, SignType.MD5));
    }

    private static String doctype(ShopClient.OpenPayment order, String transactionId) {
      String xml =
          Notifications.signed(
              Notifications.paid(order.outTradeNo(), transactionId, order.amount()));
      return "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY id SYSTEM \"file:///etc/hostname\">]>"
          + xml.replace(transactionId, "&id;");
    }
  }
}
