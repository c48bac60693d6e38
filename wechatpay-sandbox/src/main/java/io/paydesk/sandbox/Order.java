package io.paydesk.sandbox;

import io.paydesk.wechatpay.sign.SignType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An order placed through unifiedorder. Lifecycle: NOTPAY → (PAYERROR →) SUCCESS | CLOSED, as
 * {@link TradeStatus} allows; a paid order collects refunds. The prepay_id is valid two hours from
 * when it was issued and is re-issued for an identical unifiedorder after that. Not thread-safe:
 * the {@link Ledger} guards it.
 *
 * <p>A service provider's order ({@code sub_mch_id} among its parameters) belongs to the pair
 * (service provider, sub-merchant): {@link #owner()} scopes its out_trade_no, while {@link #mchId}
 * (the service provider) signs its answers and notifications.
 */
final class Order {
  final String mchId;
  final String appId;
  final String outTradeNo;

  /** The business parameters of the unifiedorder, compared on a re-send. */
  final Map<String, String> params;

  final long totalFee;
  final SignType signType;
  final Instant createdAt;
  final Instant timeExpire;
  private String prepayId;
  private Instant prepayExpiresAt;
  private TradeStatus status = TradeStatus.NOTPAY;
  private String transactionId;
  private Instant timeEnd;
  private String bankType;
  private boolean notified;
  private int notifyAttempts;
  private final List<Refund> refunds = new ArrayList<>();

  Order(
      String mchId,
      String appId,
      String outTradeNo,
      Map<String, String> params,
      SignType signType,
      Instant createdAt,
      Instant timeExpire) {
    this.mchId = Objects.requireNonNull(mchId);
    this.appId = Objects.requireNonNull(appId);
    this.outTradeNo = Objects.requireNonNull(outTradeNo);
    this.params = Map.copyOf(params);
    this.totalFee = Long.parseLong(params.get("total_fee"));
    this.signType = Objects.requireNonNull(signType);
    this.createdAt = Objects.requireNonNull(createdAt);
    this.timeExpire = timeExpire;
  }

  String prepayId() {
    return prepayId;
  }

  Instant prepayExpiresAt() {
    return prepayExpiresAt;
  }

  void issuePrepayId(String id, Instant expiresAt) {
    this.prepayId = id;
    this.prepayExpiresAt = expiresAt;
  }

  TradeStatus status() {
    return status;
  }

  /** SUCCESS becomes REFUND once the order has a refund, as orderquery reports it. */
  String tradeState() {
    return status == TradeStatus.SUCCESS && !refunds.isEmpty() ? "REFUND" : status.name();
  }

  String transactionId() {
    return transactionId;
  }

  Instant timeEnd() {
    return timeEnd;
  }

  String bankType() {
    return bankType;
  }

  String notifyUrl() {
    return params.get("notify_url");
  }

  /**
   * The buyer's openid under the (service provider's) appid. An order placed with a {@code
   * sub_openid} only gets a stable stand-in, as WeChat knows the buyer under both apps.
   */
  String openid() {
    String openid = params.get("openid");
    if (openid != null || subOpenid() == null) {
      return openid;
    }
    return "oSp" + hash(appId + "/" + subOpenid(), 25);
  }

  /** The sub-merchant of a service provider's order, or null. */
  String subMchId() {
    return params.get("sub_mch_id");
  }

  String subAppId() {
    return params.get("sub_appid");
  }

  String subOpenid() {
    return params.get("sub_openid");
  }

  /** Whose order numbers this order's belongs to: the mch_id, or service provider:sub-merchant. */
  String owner() {
    return owner(mchId, subMchId());
  }

  static String owner(String mchId, String subMchId) {
    return subMchId == null ? mchId : mchId + ":" + subMchId;
  }

  String attach() {
    return params.get("attach");
  }

  String body() {
    return params.get("body");
  }

  boolean notified() {
    return notified;
  }

  int notifyAttempts() {
    return notifyAttempts;
  }

  List<Refund> refunds() {
    return Collections.unmodifiableList(refunds);
  }

  long refundedOrPending() {
    long sum = 0;
    for (Refund r : refunds) {
      if (r.state() != RefundState.REFUNDCLOSE) {
        sum += r.refundFee;
      }
    }
    return sum;
  }

  void addRefund(Refund refund) {
    refunds.add(refund);
  }

  void markPaid(String transactionId, Instant timeEnd, String bankType) {
    move(TradeStatus.SUCCESS);
    this.transactionId = transactionId;
    this.timeEnd = timeEnd;
    this.bankType = bankType;
  }

  void markPayError() {
    move(TradeStatus.PAYERROR);
  }

  void close() {
    move(TradeStatus.CLOSED);
  }

  void notificationAttempted(boolean acknowledged) {
    notifyAttempts++;
    if (acknowledged) {
      notified = true;
    }
  }

  private void move(TradeStatus target) {
    if (!status.canBecome(target)) {
      throw new IllegalStateException(
          "order " + outTradeNo + " cannot go from " + status + " to " + target);
    }
    status = target;
  }

  /** A flat record for the journal. */
  Map<String, String> toRecord() {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("type", "order");
    r.put("mch_id", mchId);
    r.put("appid", appId);
    r.put("out_trade_no", outTradeNo);
    r.put("sign_type", signType.wireName());
    r.put("created_at", createdAt.toString());
    put(r, "time_expire_at", timeExpire);
    r.put("prepay_id", prepayId);
    put(r, "prepay_expires_at", prepayExpiresAt);
    r.put("status", status.name());
    put(r, "transaction_id", transactionId);
    put(r, "time_end_at", timeEnd);
    put(r, "bank_type", bankType);
    r.put("notified", Boolean.toString(notified));
    r.put("notify_attempts", Integer.toString(notifyAttempts));
    for (Map.Entry<String, String> p : params.entrySet()) {
      r.put("p." + p.getKey(), p.getValue());
    }
    return r;
  }

  static Order fromRecord(Map<String, String> r) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : r.entrySet()) {
      if (e.getKey().startsWith("p.")) {
        params.put(e.getKey().substring(2), e.getValue());
      }
    }
    Order o =
        new Order(
            r.get("mch_id"),
            r.get("appid"),
            r.get("out_trade_no"),
            params,
            SignType.fromWireName(r.get("sign_type")),
            Instant.parse(r.get("created_at")),
            instant(r.get("time_expire_at")));
    o.prepayId = r.get("prepay_id");
    o.prepayExpiresAt = instant(r.get("prepay_expires_at"));
    o.status = TradeStatus.valueOf(r.get("status"));
    o.transactionId = r.get("transaction_id");
    o.timeEnd = instant(r.get("time_end_at"));
    o.bankType = r.get("bank_type");
    o.notified = Boolean.parseBoolean(r.get("notified"));
    o.notifyAttempts = Integer.parseInt(r.getOrDefault("notify_attempts", "0"));
    return o;
  }

  private static void put(Map<String, String> r, String key, Object value) {
    if (value != null) {
      r.put(key, value.toString());
    }
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static String hash(String text, int length) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, length);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
