package io.paydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paydesk.it.Http;
import io.paydesk.it.TestSandbox;
import io.paydesk.sandbox.SandboxMerchant;
import io.paydesk.sandbox.SandboxServer;
import io.paydesk.wechatpay.Secret;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro is killed (SIGKILL) between refunds' approvals and WeChat's answers to their
 * submissions: WeChat (the sandbox) holds every API answer for {@value #WECHAT_SILENCE_SECONDS} s,
 * finance approves a batch of refunds, and PayDesk dies while their submissions wait for WeChat;
 * some approvals are still on their way, some submissions not yet sent. After the restart exactly
 * one refund exists at WeChat per approved refund (the sandbox's ledger, whatever PayDesk sent how
 * often), every approved refund ends REFUNDED through WeChat's notification or the janitor, with
 * WeChat's refund id, and a refund whose approval never committed was not sent at all.
 */
class RefundCrashIT {

  static final int REFUNDS = Integer.getInteger("paydesk.crash.refunds", 12);
  static final int WECHAT_SILENCE_SECONDS = 6;
  static final String FINANCE = "fin.crash";
  static final String PASSWORD = "crash-" + UUID.randomUUID();

  @Test
  void onTheDefaultStoreEveryApprovedRefundIsAtWeChatOnceAndEndsRefunded() throws Exception {
    Path work = Files.createTempDirectory("paydesk-refund-crash-h2");
    int port = PayDeskRestartIT.freePort();
    crash(work, port, environment(work, port), "h2");
  }

  @Test
  void onPostgresEveryApprovedRefundIsAtWeChatOnceAndEndsRefunded() throws Exception {
    Path work = Files.createTempDirectory("paydesk-refund-crash-pg");
    int port = PayDeskRestartIT.freePort();
    Map<String, String> env = environment(work, port);
    env.putAll(MicroProcess.postgres("refund_" + UUID.randomUUID().toString().substring(0, 8)));
    crash(work, port, env, "postgres");
  }

  private static SandboxServer sandbox;

  /** WeChat for this test alone (its faults must not reach other tests): refunds done after 1 s. */
  static synchronized SandboxServer sandbox() {
    if (sandbox == null) {
      sandbox =
          SandboxServer.builder()
              .port(0)
              .inMemory()
              .merchant(
                  SandboxMerchant.of(
                      TestSandbox.APP_ID, TestSandbox.MCH_ID, Secret.of(TestSandbox.API_KEY)))
              .timeScale(0.02)
              .refundDelay(Duration.ofSeconds(1))
              .refundMinInterval(Duration.ZERO)
              .build()
              .start();
    }
    return sandbox;
  }

  private static Map<String, String> environment(Path work, int port) {
    Map<String, String> env = new HashMap<>(PayDeskRestartIT.environment(work, port, sandbox()));
    // every refund waits for finance; the janitor submits what is due every second and asks
    // WeChat about accepted refunds after 10 s
    env.put("PAYDESK_REFUND_AUTO_APPROVE_BELOW", "1");
    env.put("PAYDESK_ADMIN_INITIAL_PASSWORD", PASSWORD);
    env.put("PAYDESK_REFUND_JANITOR_INTERVAL", "PT1S");
    env.put("PAYDESK_REFUND_BACKOFF", "PT1S,PT2S,PT5S");
    env.put("PAYDESK_REFUND_QUERY_AFTER", "PT10S");
    return env;
  }

  private void crash(Path work, int port, Map<String, String> env, String store) throws Exception {
    SandboxServer wechat = sandbox();
    String prefix = "RC" + Long.toString(System.nanoTime(), 36).toUpperCase();
    try (MicroProcess paydesk = new MicroProcess(PayDeskRestartIT.ARTIFACTS, work, port, env)) {
      paydesk.start();
      ShopClient shop = new ShopClient(paydesk.url());
      Http http = new Http(paydesk.url().toURL());
      Http finance = finance(http);

      // paid orders, each with a full refund waiting for approval
      List<ShopClient.OpenPayment> orders = new ArrayList<>();
      for (int i = 0; i < REFUNDS; i++) {
        ShopClient.OpenPayment o = shop.openPayment(prefix + String.format("%04d", i), 500 + i);
        wechat.pay(o.prepayId());
        orders.add(o);
      }
      Map<String, String> refundOf = new HashMap<>();
      for (ShopClient.OpenPayment o : orders) {
        await()
            .atMost(Duration.ofMinutes(1))
            .until(() -> "PAID".equals(shop.order(o.orderNo()).status()));
        JsonObject refund =
            http.postJson(
                    "api/orders/" + o.orderNo() + "/refunds",
                    "{\"amount\":"
                        + o.amount()
                        + ",\"reason\":\"crash\",\"requestId\":\"rc-"
                        + o.orderNo()
                        + "\"}")
                .json();
        assertThat(refund.getString("status")).isEqualTo("PENDING_APPROVAL");
        refundOf.put(o.orderNo(), refund.getString("outRefundNo"));
      }

      // WeChat goes quiet; finance approves; PayDesk dies while the submissions wait
      wechat.faults().latency(Duration.ofSeconds(WECHAT_SILENCE_SECONDS));
      Set<String> approvedAnswered = ConcurrentHashMap.newKeySet();
      ExecutorService approvers = Executors.newFixedThreadPool(3);
      for (ShopClient.OpenPayment o : orders) {
        approvers.execute(
            () -> {
              try {
                Http.Answer a =
                    finance.postJson(
                        "api/staff/refunds/" + refundOf.get(o.orderNo()) + "/approval", "{}");
                if (a.status() == 200) {
                  approvedAnswered.add(o.orderNo());
                }
              } catch (RuntimeException killed) {
                // PayDesk died during this approval
              }
            });
      }
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> approvedAnswered.size() >= REFUNDS * 2 / 3);
      Thread.sleep(500);
      paydesk.kill();
      approvers.shutdown();
      assertThat(approvers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
      wechat.faults().reset();
      int answeredBeforeKill = approvedAnswered.size();

      paydesk.start();
      // approvals that never committed: nothing was sent for them; finance approves them again
      List<String> approvedAgain = new ArrayList<>();
      for (ShopClient.OpenPayment o : orders) {
        String status = refund(http, refundOf.get(o.orderNo())).getString("status");
        if (status.equals("PENDING_APPROVAL")) {
          assertThat(approvedAnswered).doesNotContain(o.orderNo());
          assertThat(wechat.refunds(TestSandbox.MCH_ID, o.outTradeNo())).isEmpty();
          approvedAgain.add(o.orderNo());
          assertThat(
                  finance
                      .postJson(
                          "api/staff/refunds/" + refundOf.get(o.orderNo()) + "/approval", "{}")
                      .status())
              .isEqualTo(200);
        }
      }
      for (ShopClient.OpenPayment o : orders) {
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    "REFUNDED".equals(refund(http, refundOf.get(o.orderNo())).getString("status")));
      }

      // WeChat's ledger: one refund per order, PayDesk's out_refund_no and amount, succeeded
      int sentMoreThanOnce = 0;
      for (ShopClient.OpenPayment o : orders) {
        String outRefundNo = refundOf.get(o.orderNo());
        List<SandboxServer.RefundEntry> atWeChat =
            wechat.refunds(TestSandbox.MCH_ID, o.outTradeNo());
        assertThat(atWeChat).as(o.orderNo()).hasSize(1);
        SandboxServer.RefundEntry entry = atWeChat.get(0);
        assertThat(entry.outRefundNo()).isEqualTo(outRefundNo);
        assertThat(entry.refundFee()).isEqualTo(o.amount());
        assertThat(entry.state()).isEqualTo("SUCCESS");
        JsonObject refund = refund(http, outRefundNo);
        assertThat(refund.getString("refundId")).isEqualTo(entry.refundId());
        assertThat(
                refund.getJsonArray("history").stream()
                    .filter(h -> "REFUNDED".equals(h.asJsonObject().getString("to")))
                    .count())
            .isEqualTo(1);
        assertThat(shop.order(o.orderNo()).status()).isEqualTo("REFUNDED");
        if (submissions(wechat, outRefundNo) > 1) {
          sentMoreThanOnce++;
        }
      }
      System.out.printf(
          "RESULT refund-crash store=%s refunds=%d approvals-answered-before-kill=%d"
              + " approved-again-after-restart=%d sent-to-wechat-more-than-once=%d%n",
          store, REFUNDS, answeredBeforeKill, approvedAgain.size(), sentMoreThanOnce);
    }
  }

  /** The finance user, created by the first administrator. */
  private static Http finance(Http http) {
    Http.Answer created =
        http.as("admin", PASSWORD)
            .postJson(
                "api/staff/users",
                "{\"username\":\""
                    + FINANCE
                    + "\",\"password\":\""
                    + PASSWORD
                    + "\",\"roles\":[\"FINANCE\"]}");
    assertThat(created.status()).as(created.body()).isIn(200, 201, 409);
    return http.as(FINANCE, PASSWORD);
  }

  private static JsonObject refund(Http http, String outRefundNo) {
    return http.get("api/refunds/" + outRefundNo).json();
  }

  /** How many times PayDesk's submission of this refund reached WeChat's refund API. */
  private static long submissions(SandboxServer wechat, String outRefundNo) {
    return wechat.callLog().last(10_000).stream()
        .filter(e -> e.target().contains("/secapi/pay/refund"))
        .filter(e -> e.reference().contains(outRefundNo))
        .count();
  }
}
