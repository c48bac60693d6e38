package io.paydesk.sandbox;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.notify.RefundInfoCipher;
import io.paydesk.wechatpay.sign.Nonce;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * WeChat's notification sender: a payment notification (signed, every field WeChat sends) when an
 * order is paid, a refund notification (req_info encrypted with {@link RefundInfoCipher}) when a
 * refund ends; each repeated on WeChat's schedule until the receiver answers {@code
 * return_code=SUCCESS}. Delays are multiplied by the time scale. Sends to loopback addresses only.
 */
final class Notifier {
  /** The waits between attempts: the first attempt is immediate, then these (24h4m in all). */
  static final List<Duration> SCHEDULE =
      List.of(
          Duration.ofSeconds(15),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofMinutes(3),
          Duration.ofMinutes(10),
          Duration.ofMinutes(20),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(60),
          Duration.ofHours(3),
          Duration.ofHours(3),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(6));

  private static final Logger LOG = Logger.getLogger(Notifier.class.getName());
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ScheduledExecutorService scheduler;
  private final HttpClient http;
  private final double timeScale;
  private final Faults faults;
  private final CallLog log;
  private final Ledger ledger;
  private final WeChatXml xml = new WeChatXml();
  private final V3Keys v3Keys;
  private volatile boolean closed;

  Notifier(
      ScheduledExecutorService scheduler,
      double timeScale,
      Faults faults,
      CallLog log,
      Ledger ledger,
      V3Keys v3Keys) {
    this.v3Keys = v3Keys;
    this.scheduler = scheduler;
    this.timeScale = timeScale;
    this.faults = faults;
    this.log = log;
    this.ledger = ledger;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(java.net.ProxySelector.of(null))
            .build();
  }

  /** True for 127.0.0.1-style, ::1 and localhost host names. */
  static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1");
  }

  /** The wait before attempt {@code n} (n ≥ 1), time-scaled. */
  Duration waitBefore(int attempt) {
    return scale(SCHEDULE.get(attempt - 1));
  }

  void payment(Order order) {
    if (isV3(order)) {
      paymentV3(order);
      return;
    }
    SandboxMerchant m = ledger.merchant(order.mchId);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("return_code", "SUCCESS");
    f.put("return_msg", "OK");
    f.put("appid", order.appId);
    f.put("mch_id", order.mchId);
    f.put("sub_appid", order.subAppId());
    f.put("sub_mch_id", order.subMchId());
    f.put("device_info", order.params.get("device_info"));
    f.put("nonce_str", Nonce.generate());
    f.put("result_code", "SUCCESS");
    f.put("openid", order.openid());
    f.put("is_subscribe", "N");
    if (order.subOpenid() != null) {
      f.put("sub_openid", order.subOpenid());
      f.put("sub_is_subscribe", "N");
    }
    f.put("trade_type", "JSAPI");
    f.put("bank_type", order.bankType());
    f.put("total_fee", Long.toString(order.totalFee));
    f.put("fee_type", "CNY");
    f.put("cash_fee", Long.toString(order.totalFee));
    f.put("cash_fee_type", "CNY");
    f.put("transaction_id", order.transactionId());
    f.put("out_trade_no", order.outTradeNo);
    f.put("attach", order.attach());
    f.put("time_end", BeijingTime.format(order.timeEnd()));
    f.values().removeIf(v -> v == null);
    f.put("sign", new Signer(m.apiKey()).sign(f, order.signType));
    Delivery d =
        new Delivery(
            "PAY_NOTIFY",
            order.notifyUrl(),
            order.mchId,
            "outTradeNo=" + order.outTradeNo,
            WeChatXml.write(f),
            null,
            ack -> ledger.paymentNotificationAttempted(order, ack));
    start(d, order.notifyAttempts());
  }

  void refund(Refund refund) {
    if (refund.notifyUrl == null) {
      log.add(
          "REFUND_NOTIFY",
          "-",
          refund.mchId,
          "outRefundNo=" + refund.outRefundNo,
          "not sent: no notify_url in the request or the merchant configuration");
      return;
    }
    SandboxMerchant m = ledger.merchant(refund.mchId);
    Order order = ledger.order(refund.owner(), refund.outTradeNo);
    if (isV3(order)) {
      refundV3(refund, order);
      return;
    }
    Map<String, String> info = new LinkedHashMap<>();
    info.put("out_refund_no", refund.outRefundNo);
    info.put("out_trade_no", refund.outTradeNo);
    info.put("refund_account", refund.refundAccount);
    info.put("refund_fee", Long.toString(refund.refundFee));
    info.put("refund_id", refund.refundId);
    info.put("refund_recv_accout", refund.recvAccount());
    info.put("refund_request_source", "API");
    info.put("refund_status", refund.state().name());
    info.put("settlement_refund_fee", Long.toString(refund.refundFee));
    info.put("settlement_total_fee", Long.toString(refund.totalFee));
    if (refund.successTime() != null) {
      info.put("success_time", Ledger.billTime(refund.successTime()));
    }
    info.put("total_fee", Long.toString(refund.totalFee));
    info.put("transaction_id", order.transactionId());
    String inner = WeChatXml.write(info);
    String root = "<root>" + inner.substring(5, inner.length() - 6) + "</root>";
    Map<String, String> f = new LinkedHashMap<>();
    f.put("return_code", "SUCCESS");
    f.put("appid", m.appId());
    f.put("mch_id", m.mchId());
    if (order.subMchId() != null) {
      // a service provider's: encrypted with its key, naming the sub-merchant
      if (order.subAppId() != null) {
        f.put("sub_appid", order.subAppId());
      }
      f.put("sub_mch_id", order.subMchId());
    }
    f.put("nonce_str", Nonce.generate());
    f.put("req_info", new RefundInfoCipher(m.apiKey()).encrypt(root));
    Delivery d =
        new Delivery(
            "REFUND_NOTIFY",
            refund.notifyUrl,
            refund.mchId,
            "outTradeNo=" + refund.outTradeNo + " outRefundNo=" + refund.outRefundNo,
            WeChatXml.write(f),
            null,
            ack -> ledger.refundNotificationAttempted(refund, ack));
    start(d, refund.notifyAttempts());
  }

  void close() {
    closed = true;
  }

  /** Whether the order was placed through API v3 (its notifications are v3's). */
  static boolean isV3(Order order) {
    return order != null && "v3".equals(order.params.get("api"));
  }

  /**
   * {@code TRANSACTION.SUCCESS}: the transaction encrypted under the APIv3 key, signed per attempt.
   */
  private void paymentV3(Order order) {
    SandboxMerchant m = ledger.merchant(order.mchId);
    String plain = io.paydesk.wechatpay.v3.json.Json.write(ApiV3Handler.transaction(order, "支付成功"));
    String body = envelopeV3(m, "TRANSACTION.SUCCESS", "支付成功", "transaction", plain);
    Delivery d =
        new Delivery(
            "PAY_NOTIFY",
            order.notifyUrl(),
            order.mchId,
            "outTradeNo=" + order.outTradeNo,
            body,
            m.apiV3().verification(),
            ack -> ledger.paymentNotificationAttempted(order, ack));
    start(d, order.notifyAttempts());
  }

  /** {@code REFUND.SUCCESS|ABNORMAL|CLOSED}. */
  private void refundV3(Refund refund, Order order) {
    SandboxMerchant m = ledger.merchant(refund.mchId);
    String status = ApiV3Handler.v3Status(refund.state());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("mchid", refund.mchId);
    r.put("out_trade_no", refund.outTradeNo);
    r.put("transaction_id", order.transactionId());
    r.put("out_refund_no", refund.outRefundNo);
    r.put("refund_id", refund.refundId);
    r.put("refund_status", status);
    if (refund.successTime() != null) {
      r.put("success_time", BeijingTime.formatRfc3339(refund.successTime()));
    }
    r.put("user_received_account", refund.recvAccount());
    Map<String, Object> amount = new LinkedHashMap<>();
    amount.put("total", refund.totalFee);
    amount.put("refund", refund.refundFee);
    amount.put("payer_total", refund.totalFee);
    amount.put("payer_refund", refund.refundFee);
    r.put("amount", amount);
    String summary =
        switch (status) {
          case "SUCCESS" -> "退款成功";
          case "ABNORMAL" -> "退款异常";
          default -> "退款关闭";
        };
    String body =
        envelopeV3(
            m, "REFUND." + status, summary, "refund", io.paydesk.wechatpay.v3.json.Json.write(r));
    Delivery d =
        new Delivery(
            "REFUND_NOTIFY",
            refund.notifyUrl,
            refund.mchId,
            "outTradeNo=" + refund.outTradeNo + " outRefundNo=" + refund.outRefundNo,
            body,
            m.apiV3().verification(),
            ack -> ledger.refundNotificationAttempted(refund, ack));
    start(d, refund.notifyAttempts());
  }

  private String envelopeV3(
      SandboxMerchant m, String eventType, String summary, String originalType, String plain) {
    io.paydesk.wechatpay.v3.crypto.AeadAesGcm cipher =
        new io.paydesk.wechatpay.v3.crypto.AeadAesGcm(m.apiV3().apiV3Key());
    String nonce = Nonce.generate().substring(0, 12);
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("original_type", originalType);
    resource.put("algorithm", io.paydesk.wechatpay.v3.crypto.AeadAesGcm.ALGORITHM);
    resource.put("ciphertext", cipher.encrypt(originalType, nonce, plain));
    resource.put("associated_data", originalType);
    resource.put("nonce", nonce);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", java.util.UUID.randomUUID().toString());
    e.put("create_time", BeijingTime.formatRfc3339(ledger.now()));
    e.put("resource_type", "encrypt-resource");
    e.put("event_type", eventType);
    e.put("summary", summary);
    e.put("resource", resource);
    return io.paydesk.wechatpay.v3.json.Json.write(e);
  }

  private void start(Delivery d, int attemptsMade) {
    if (attemptsMade > SCHEDULE.size()) {
      return;
    }
    Duration first = attemptsMade == 0 ? faults.notifyDelay() : waitBefore(attemptsMade);
    schedule(d, attemptsMade, first);
  }

  private void schedule(Delivery d, int attempt, Duration wait) {
    if (closed) {
      return;
    }
    Duration total = wait.plus(faults.reorderJitter());
    try {
      scheduler.schedule(() -> attempt(d, attempt), total.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.fine("scheduler closed; notification not scheduled");
    }
  }

  private void attempt(Delivery d, int attempt) {
    if (closed) {
      return;
    }
    boolean ack;
    String outcome;
    URI uri = URI.create(d.url);
    if (!isLoopbackHost(uri.getHost()) || !resolvesToLoopback(uri.getHost())) {
      log.add(d.kind, d.url, d.mchId, d.reference, "not sent: not a loopback address");
      return;
    }
    if (faults.dropNotification()) {
      ack = false;
      outcome = "attempt=" + (attempt + 1) + " dropped (fault)";
    } else {
      boolean duplicated = faults.duplicateNotification();
      CompletableFuture<Sent> copy =
          duplicated ? CompletableFuture.supplyAsync(() -> send(d)) : null;
      Sent sent = send(d);
      boolean copyAck = copy != null && copy.join().ack;
      ack = sent.ack || copyAck;
      outcome =
          "attempt="
              + (attempt + 1)
              + " "
              + sent.detail
              + " ack="
              + ack
              + (duplicated ? " duplicated=true" : "");
    }
    log.add(d.kind, d.url, d.mchId, d.reference, outcome);
    try {
      d.record.accept(ack);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot record a notification attempt " + d.reference, e);
    }
    int next = attempt + 1;
    if (!ack && next <= SCHEDULE.size()) {
      schedule(d, next, waitBefore(next));
    } else if (!ack) {
      log.add(d.kind, d.url, d.mchId, d.reference, "gave up after " + next + " attempts");
    }
  }

  private Sent send(Delivery d) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(d.url))
            .timeout(TIMEOUT)
            .header("User-Agent", "Mozilla/4.0 (WeChat Pay sandbox)")
            .POST(HttpRequest.BodyPublishers.ofString(d.body, StandardCharsets.UTF_8));
    if (d.v3 == null) {
      builder.header("Content-Type", "text/xml; charset=UTF-8");
    } else {
      // signed afresh for every attempt: a receiver refuses timestamps older than 5 minutes
      V3Keys.Signing signing = v3Keys.signing(d.v3);
      io.paydesk.wechatpay.v3.crypto.SignatureHeaders h =
          io.paydesk.wechatpay.v3.crypto.SignatureHeaders.sign(
              signing.signer(),
              signing.serial(),
              ledger.now().getEpochSecond(),
              Nonce.generate(),
              d.body.getBytes(StandardCharsets.UTF_8));
      builder
          .header("Content-Type", "application/json")
          .header("Wechatpay-Timestamp", h.timestamp())
          .header("Wechatpay-Nonce", h.nonce())
          .header("Wechatpay-Signature", h.signature())
          .header("Wechatpay-Serial", h.serial())
          .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      boolean ack = false;
      if (d.v3 != null) {
        // v3: 200 or 204 acknowledges; 4xx/5xx (with {"code":"FAIL",...}) asks for a retry
        ack = response.statusCode() == 200 || response.statusCode() == 204;
      } else if (response.statusCode() == 200) {
        try {
          ack = "SUCCESS".equals(xml.parse(response.body()).get("return_code"));
        } catch (RuntimeException e) {
          ack = false;
        }
      }
      return new Sent(ack, "status=" + response.statusCode());
    } catch (IOException e) {
      return new Sent(false, "error=" + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Sent(false, "interrupted");
    }
  }

  private static boolean resolvesToLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Duration scale(Duration d) {
    return Duration.ofNanos((long) (d.toNanos() * timeScale));
  }

  private record Sent(boolean ack, String detail) {}

  private record Delivery(
      String kind,
      String url,
      String mchId,
      String reference,
      String body,
      SandboxMerchant.V3Verification v3,
      java.util.function.Consumer<Boolean> record) {}
}
