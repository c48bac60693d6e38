package io.paydesk.sandbox;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.sign.SignType;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * WeChat Pay's books as the sandbox keeps them: orders, refunds and merchant balances, and every
 * business rule of unifiedorder, orderquery, closeorder, refund and refundquery. Each operation
 * takes a verified request's fields and returns the business fields of the answer, or throws a
 * {@link BusinessError}. Every change is journaled before the answer. Thread-safe (one lock).
 */
final class Ledger {
  private static final Logger LOG = Logger.getLogger(Ledger.class.getName());
  private static final Pattern ORDER_NUMBER = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,32}");
  private static final Pattern FEN = Pattern.compile("[1-9][0-9]{0,11}");
  private static final Set<String> NOT_COMPARED =
      Set.of("appid", "mch_id", "nonce_str", "sign", "sign_type", "spbill_create_ip");
  private static final Duration PREPAY_VALIDITY = Duration.ofHours(2);
  private static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
  private static final Duration REFUNDABLE_FOR = Duration.ofDays(365);
  private static final int MAX_REFUNDS = 50;
  private static final int REFUND_PAGE = 10;
  private static final java.time.format.DateTimeFormatter BILL_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SandboxMerchant> merchants;
  private final Clock clock;
  private final Journal journal;
  private final Rules rules;
  private final Map<String, Order> orders = new HashMap<>();
  private final Map<String, Order> byPrepayId = new HashMap<>();
  private final Map<String, Order> byTransactionId = new HashMap<>();
  private final Map<String, Refund> refunds = new HashMap<>();
  private final Map<String, long[]> balances = new HashMap<>();
  private final Map<String, RefundOutcome> outcomeByRefund = new ConcurrentHashMap<>();
  private final Map<String, RefundOutcome> outcomeByMerchant = new ConcurrentHashMap<>();
  private final Map<String, List<OutcomeRule>> outcomeRules = new ConcurrentHashMap<>();
  private Consumer<Order> onPaid = o -> {};
  private Consumer<Refund> onRefundAccepted = r -> {};

  /** The configurable timing rules. */
  record Rules(Duration closeMinAge, Duration refundMinInterval) {}

  /** Refunds with {@code minFee <= refund_fee <= maxFee} get {@code outcome}. */
  record OutcomeRule(long minFee, long maxFee, RefundOutcome outcome) {}

  Ledger(Collection<SandboxMerchant> merchants, Clock clock, Journal journal, Rules rules) {
    this.merchants = new LinkedHashMap<>();
    for (SandboxMerchant m : merchants) {
      this.merchants.put(m.mchId(), m);
      balances.put(m.mchId(), new long[] {m.unsettledFen(), m.availableFen()});
    }
    this.clock = clock;
    this.journal = journal;
    this.rules = rules;
    replay();
  }

  void onPaid(Consumer<Order> listener) {
    this.onPaid = listener;
  }

  void onRefundAccepted(Consumer<Refund> listener) {
    this.onRefundAccepted = listener;
  }

  SandboxMerchant merchant(String mchId) {
    return mchId == null ? null : merchants.get(mchId);
  }

  Collection<SandboxMerchant> merchants() {
    return merchants.values();
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  // ---------------------------------------------------------------- unifiedorder

  synchronized Map<String, String> unifiedOrder(
      SandboxMerchant m, Map<String, String> req, SignType signType) {
    for (String name :
        List.of(
            "body", "out_trade_no", "total_fee", "spbill_create_ip", "notify_url", "trade_type")) {
      required(req, name);
    }
    String outTradeNo = orderNumber(req, "out_trade_no");
    fen(req, "total_fee");
    String tradeType = req.get("trade_type");
    if (!"JSAPI".equals(tradeType)) {
      throw param("trade_type " + tradeType + " is not supported by the sandbox (JSAPI only)");
    }
    requirePayer(m, req);
    if (req.containsKey("fee_type") && !"CNY".equals(req.get("fee_type"))) {
      throw param("fee_type must be CNY");
    }
    checkNotifyUrl(req.get("notify_url"));
    Instant now = now();
    Instant timeStart = time(req, "time_start");
    Instant timeExpire = time(req, "time_expire");
    if (timeExpire != null) {
      Instant from = timeStart != null && timeStart.isAfter(now) ? timeStart : now;
      if (timeExpire.isBefore(from.plus(MIN_EXPIRY))) {
        throw param("time_expire时间过短，至少1分钟 (time_expire must be at least 1 minute ahead)");
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    req.forEach(
        (k, v) -> {
          if (!NOT_COMPARED.contains(k) && v != null && !v.isEmpty()) {
            params.put(k, v);
          }
        });
    String key = key(owner(m, req), outTradeNo);
    Order order = orders.get(key);
    if (order != null) {
      switch (order.status()) {
        case SUCCESS -> throw new BusinessError("ORDERPAID", "该订单已支付");
        case CLOSED -> throw new BusinessError("ORDERCLOSED", "该订单已关闭");
        default -> {}
      }
      if (!order.params.equals(params)) {
        throw new BusinessError("OUT_TRADE_NO_USED", "201 商户订单号重复");
      }
      if (!now.isBefore(order.prepayExpiresAt())) {
        byPrepayId.remove(order.prepayId());
        order.issuePrepayId(newPrepayId(now), now.plus(PREPAY_VALIDITY));
        byPrepayId.put(order.prepayId(), order);
        journal.append(order.toRecord());
      }
    } else {
      order = new Order(m.mchId(), m.appId(), outTradeNo, params, signType, now, timeExpire);
      order.issuePrepayId(newPrepayId(now), now.plus(PREPAY_VALIDITY));
      orders.put(key, order);
      byPrepayId.put(order.prepayId(), order);
      journal.append(order.toRecord());
      Order created = order;
      LOG.info(() -> "order created mchId=" + m.mchId() + " outTradeNo=" + created.outTradeNo);
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("trade_type", "JSAPI");
    out.put("prepay_id", order.prepayId());
    return out;
  }

  // ---------------------------------------------------------------- orderquery / closeorder

  synchronized Map<String, String> queryOrder(SandboxMerchant m, Map<String, String> req) {
    Order order = findOrder(m, req);
    Map<String, String> out = new LinkedHashMap<>();
    out.put("out_trade_no", order.outTradeNo);
    out.put("trade_state", order.tradeState());
    out.put("trade_state_desc", tradeStateDesc(order));
    if (order.status() == TradeStatus.SUCCESS) {
      out.put("openid", order.openid());
      out.put("is_subscribe", "N");
      out.put("trade_type", "JSAPI");
      out.put("bank_type", order.bankType());
      out.put("total_fee", Long.toString(order.totalFee));
      out.put("fee_type", "CNY");
      out.put("cash_fee", Long.toString(order.totalFee));
      out.put("transaction_id", order.transactionId());
      out.put("time_end", BeijingTime.format(order.timeEnd()));
      if (order.attach() != null) {
        out.put("attach", order.attach());
      }
    } else {
      out.put("total_fee", Long.toString(order.totalFee));
    }
    return out;
  }

  synchronized Map<String, String> closeOrder(SandboxMerchant m, Map<String, String> req) {
    String outTradeNo = orderNumber(req, "out_trade_no");
    Order order = orders.get(key(owner(m, req), outTradeNo));
    if (order == null) {
      throw new BusinessError("ORDERNOTEXIST", "此交易订单号不存在");
    }
    switch (order.status()) {
      case SUCCESS -> throw new BusinessError("ORDERPAID", "订单已支付，不能发起关单");
      case CLOSED -> throw new BusinessError("ORDERCLOSED", "订单已关闭，无需继续调用");
      default -> {}
    }
    if (now().isBefore(order.createdAt.plus(rules.closeMinAge()))) {
      throw new BusinessError(
          "INVALID_REQUEST", "订单生成后不能马上调用关单接口，最短调用时间间隔为" + rules.closeMinAge().toMinutes() + "分钟");
    }
    order.close();
    journal.append(order.toRecord());
    LOG.info(() -> "order closed mchId=" + m.mchId() + " outTradeNo=" + outTradeNo);
    return new LinkedHashMap<>();
  }

  // ---------------------------------------------------------------- refund / refundquery

  synchronized Map<String, String> refund(SandboxMerchant m, Map<String, String> req) {
    String outRefundNo = orderNumber(req, "out_refund_no");
    long totalFee = fen(req, "total_fee");
    long refundFee = fen(req, "refund_fee");
    String account = req.getOrDefault("refund_account", Refund.UNSETTLED_FUNDS);
    if (!account.equals(Refund.UNSETTLED_FUNDS) && !account.equals(Refund.RECHARGE_FUNDS)) {
      throw param(
          "refund_account must be REFUND_SOURCE_UNSETTLED_FUNDS or " + Refund.RECHARGE_FUNDS);
    }
    String notifyUrl = optional(req, "notify_url");
    if (notifyUrl != null) {
      checkNotifyUrl(notifyUrl);
    }
    Order order = findOrder(m, req);
    String owner = owner(m, req);
    Refund existing = refunds.get(key(owner, outRefundNo));
    if (existing != null) {
      if (!existing.outTradeNo.equals(order.outTradeNo)
          || existing.refundFee != refundFee
          || existing.totalFee != totalFee) {
        throw new BusinessError("INVALID_REQUEST", "订单金额或退款金额与之前请求不一致，请核实后再试");
      }
      return refundAnswer(order, existing);
    }
    if (order.status() != TradeStatus.SUCCESS) {
      throw new BusinessError("ORDERNOTEXIST", "订单不存在或未支付 (only paid orders are refunded)");
    }
    Instant now = now();
    if (totalFee != order.totalFee) {
      throw new BusinessError("INVALID_REQUEST", "订单金额或退款金额与之前请求不一致，请核实后再试");
    }
    if (refundFee > totalFee) {
      throw new BusinessError("INVALID_REQUEST", "退款金额大于支付金额");
    }
    if (now.isAfter(order.timeEnd().plus(REFUNDABLE_FOR))) {
      throw new BusinessError("TRADE_OVERDUE", "订单已经超过退款期限");
    }
    if (order.refunds().size() >= MAX_REFUNDS) {
      throw new BusinessError("ERROR", "订单已经超过可退款的最大次数(50)");
    }
    if (order.refundedOrPending() + refundFee > order.totalFee) {
      throw new BusinessError("ERROR", "累计退款金额大于支付金额");
    }
    Instant last = null;
    for (Refund r : order.refunds()) {
      last = last == null || r.createdAt.isAfter(last) ? r.createdAt : last;
    }
    if (last != null && now.isBefore(last.plus(rules.refundMinInterval()))) {
      throw new BusinessError("FREQUENCY_LIMITED", "同一笔订单多次退款的请求需相隔1分钟");
    }
    long[] balance = balances.get(m.mchId());
    boolean recharge = account.equals(Refund.RECHARGE_FUNDS);
    int slot = recharge ? 1 : 0;
    if (balance[slot] < refundFee) {
      throw new BusinessError("NOTENOUGH", recharge ? "基本账户余额不足，请充值后重新发起" : "交易未结算资金不足，请使用可用余额退款");
    }
    balance[slot] -= refundFee;
    Refund refund =
        new Refund(
            m.mchId(),
            order.subMchId(),
            order.outTradeNo,
            outRefundNo,
            newRefundId(now),
            refundFee,
            totalFee,
            account,
            notifyUrl != null ? notifyUrl : m.refundNotifyUrl(),
            optional(req, "refund_desc"),
            now,
            outcomeFor(m, outRefundNo, refundFee));
    order.addRefund(refund);
    refunds.put(key(owner, outRefundNo), refund);
    journal.append(balanceRecord(m.mchId()));
    journal.append(refund.toRecord());
    LOG.info(
        () ->
            "refund accepted mchId="
                + m.mchId()
                + " outTradeNo="
                + refund.outTradeNo
                + " outRefundNo="
                + outRefundNo
                + " outcome="
                + refund.outcome);
    onRefundAccepted.accept(refund);
    return refundAnswer(order, refund);
  }

  /**
   * refundquery by (in WeChat's order of precedence) refund_id, out_refund_no, transaction_id or
   * out_trade_no. By order, at most {@value #REFUND_PAGE} refunds are listed from {@code offset}
   * (default 0), with {@code total_refund_count}.
   */
  synchronized Map<String, String> queryRefund(SandboxMerchant m, Map<String, String> req) {
    List<Refund> listed = new ArrayList<>();
    Order order;
    String outRefundNo = optional(req, "out_refund_no");
    String refundId = optional(req, "refund_id");
    int total = -1;
    String owner = owner(m, req);
    if (outRefundNo != null || refundId != null) {
      Refund refund = null;
      if (refundId != null) {
        for (Refund r : refunds.values()) {
          if (r.owner().equals(owner) && r.refundId.equals(refundId)) {
            refund = r;
          }
        }
      } else {
        refund = refunds.get(key(owner, outRefundNo));
      }
      if (refund == null) {
        throw new BusinessError("REFUNDNOTEXIST", "退款订单查询失败");
      }
      order = orders.get(key(owner, refund.outTradeNo));
      listed.add(refund);
    } else {
      if (optional(req, "out_trade_no") == null && optional(req, "transaction_id") == null) {
        throw param("缺少参数 out_refund_no, refund_id, out_trade_no or transaction_id");
      }
      int offset = 0;
      String offsetText = optional(req, "offset");
      if (offsetText != null) {
        if (!offsetText.matches("[0-9]{1,3}")) {
          throw param("offset must be a non-negative integer");
        }
        offset = Integer.parseInt(offsetText);
      }
      try {
        order = findOrder(m, req);
      } catch (BusinessError e) {
        throw new BusinessError("REFUNDNOTEXIST", "退款订单查询失败");
      }
      List<Refund> all = order.refunds();
      if (all.isEmpty()) {
        throw new BusinessError("REFUNDNOTEXIST", "退款订单查询失败");
      }
      if (offset >= all.size()) {
        throw param("offset超过total_refund_count");
      }
      total = all.size();
      listed.addAll(all.subList(offset, Math.min(all.size(), offset + REFUND_PAGE)));
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("transaction_id", order.transactionId());
    out.put("out_trade_no", order.outTradeNo);
    out.put("total_fee", Long.toString(order.totalFee));
    out.put("settlement_total_fee", Long.toString(order.totalFee));
    out.put("fee_type", "CNY");
    out.put("cash_fee", Long.toString(order.totalFee));
    if (total >= 0) {
      out.put("total_refund_count", Integer.toString(total));
    }
    out.put("refund_count", Integer.toString(listed.size()));
    for (int n = 0; n < listed.size(); n++) {
      Refund r = listed.get(n);
      out.put("out_refund_no_" + n, r.outRefundNo);
      out.put("refund_id_" + n, r.refundId);
      out.put("refund_channel_" + n, "ORIGINAL");
      out.put("refund_fee_" + n, Long.toString(r.refundFee));
      out.put("settlement_refund_fee_" + n, Long.toString(r.refundFee));
      out.put("refund_status_" + n, r.state().name());
      out.put("refund_account_" + n, r.refundAccount);
      out.put("refund_recv_accout_" + n, r.recvAccount());
      if (r.successTime() != null) {
        out.put("refund_success_time_" + n, billTime(r.successTime()));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- the buyer and the back end

  /** The buyer pays: the order becomes SUCCESS and its payment notification starts. */
  synchronized Order pay(String prepayId, String bankType) {
    Order order = payable(prepayId);
    Instant now = now();
    order.markPaid(newTransactionId(now), now, bankType == null ? "OTHERS" : bankType);
    balances.get(order.mchId)[0] += order.totalFee;
    byTransactionId.put(order.transactionId(), order);
    journal.append(balanceRecord(order.mchId));
    journal.append(order.toRecord());
    LOG.info(() -> "order paid mchId=" + order.mchId + " outTradeNo=" + order.outTradeNo);
    onPaid.accept(order);
    return order;
  }

  /** The buyer's payment fails (PAYERROR); no notification, the buyer may try again. */
  synchronized Order failPayment(String prepayId) {
    Order order = payable(prepayId);
    if (order.status() == TradeStatus.NOTPAY) {
      order.markPayError();
      journal.append(order.toRecord());
    }
    return order;
  }

  /** The buyer closes the payment sheet: nothing changes (the order stays NOTPAY). */
  synchronized Order abandon(String prepayId) {
    Order order = byPrepayId.get(prepayId);
    if (order == null) {
      throw new IllegalArgumentException("no order has prepay_id " + prepayId);
    }
    LOG.info(() -> "buyer abandoned mchId=" + order.mchId + " outTradeNo=" + order.outTradeNo);
    return order;
  }

  /**
   * Ends the refund's PROCESSING with its chosen outcome; REFUNDCLOSE gives the money back.
   *
   * @param owner the refund's {@link Refund#owner()} (the mch_id of a direct merchant)
   */
  synchronized Refund completeRefund(String owner, String outRefundNo) {
    Refund refund = refunds.get(key(owner, outRefundNo));
    if (refund == null || refund.state() != RefundState.PROCESSING) {
      return null;
    }
    String mchId = refund.mchId;
    refund.finish(now());
    if (refund.state() == RefundState.REFUNDCLOSE) {
      balances.get(mchId)[refund.refundAccount.equals(Refund.RECHARGE_FUNDS) ? 1 : 0] +=
          refund.refundFee;
      journal.append(balanceRecord(mchId));
    }
    journal.append(refund.toRecord());
    LOG.info(
        () ->
            "refund finished mchId="
                + mchId
                + " outTradeNo="
                + refund.outTradeNo
                + " outRefundNo="
                + outRefundNo
                + " status="
                + refund.state());
    return refund;
  }

  synchronized void paymentNotificationAttempted(Order order, boolean acknowledged) {
    order.notificationAttempted(acknowledged);
    journal.append(order.toRecord());
  }

  synchronized void refundNotificationAttempted(Refund refund, boolean acknowledged) {
    refund.notificationAttempted(acknowledged);
    journal.append(refund.toRecord());
  }

  /** Paid orders whose notification was never acknowledged (to resume after a restart). */
  synchronized List<Order> unnotifiedPayments() {
    List<Order> out = new ArrayList<>();
    for (Order o : orders.values()) {
      if (o.status() == TradeStatus.SUCCESS && !o.notified()) {
        out.add(o);
      }
    }
    return out;
  }

  synchronized List<Refund> refundsInState(RefundState state) {
    List<Refund> out = new ArrayList<>();
    for (Refund r : refunds.values()) {
      if (r.state() == state) {
        out.add(r);
      }
    }
    return out;
  }

  synchronized List<Refund> unnotifiedFinishedRefunds() {
    List<Refund> out = new ArrayList<>();
    for (Refund r : refunds.values()) {
      if (r.state() != RefundState.PROCESSING && !r.notified()) {
        out.add(r);
      }
    }
    return out;
  }

  /** The order with this out_trade_no of {@code owner} (see {@link Order#owner()}), or null. */
  synchronized Order order(String owner, String outTradeNo) {
    return orders.get(key(owner, outTradeNo));
  }

  /** The refund with this out_refund_no of {@code owner} (see {@link Refund#owner()}), or null. */
  synchronized Refund refund(String owner, String outRefundNo) {
    return refunds.get(key(owner, outRefundNo));
  }

  /** Whether some configured service provider has bound this sub_mch_id. */
  boolean isBoundSubMerchant(String subMchId) {
    for (SandboxMerchant m : merchants.values()) {
      if (m.subMerchant(subMchId) != null) {
        return true;
      }
    }
    return false;
  }

  /** The refunds of an order, oldest first (empty when the order is unknown). */
  synchronized List<Refund> refundsOf(String mchId, String outTradeNo) {
    Order order = orders.get(key(mchId, outTradeNo));
    return order == null ? List.of() : new ArrayList<>(order.refunds());
  }

  synchronized Order orderByPrepayId(String prepayId) {
    return byPrepayId.get(prepayId);
  }

  synchronized List<Order> orders() {
    return new ArrayList<>(orders.values());
  }

  // ---------------------------------------------------------------- balances and outcomes

  synchronized long[] balance(String mchId) {
    long[] b = requireBalance(mchId);
    return new long[] {b[0], b[1]};
  }

  synchronized void setBalance(String mchId, Long unsettledFen, Long availableFen) {
    long[] b = requireBalance(mchId);
    if (unsettledFen != null) {
      b[0] = unsettledFen;
    }
    if (availableFen != null) {
      b[1] = availableFen;
    }
    journal.append(balanceRecord(mchId));
  }

  void setRefundOutcome(String outRefundNo, RefundOutcome outcome) {
    outcomeByRefund.put(outRefundNo, outcome);
  }

  void setDefaultRefundOutcome(String mchId, RefundOutcome outcome) {
    requireBalance(mchId);
    outcomeByMerchant.put(mchId, outcome);
  }

  void addRefundRule(String mchId, OutcomeRule rule) {
    requireBalance(mchId);
    outcomeRules
        .computeIfAbsent(mchId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(rule);
  }

  void clearRefundRules(String mchId) {
    outcomeRules.remove(mchId);
  }

  /** Rows for the bill of {@code date} (Beijing): payments paid and refunds applied that day. */
  synchronized List<Bills.Line> billLines(String mchId, LocalDate date) {
    return billLines(mchId, null, date);
  }

  /**
   * The bill of a merchant, of a service provider with all its sub-merchants ({@code subMchId}
   * null), or of one sub-merchant of a service provider.
   */
  synchronized List<Bills.Line> billLines(String mchId, String subMchId, LocalDate date) {
    List<Bills.Line> lines = new ArrayList<>();
    for (Order o : orders.values()) {
      if (o.mchId.equals(mchId)
          && (subMchId == null || subMchId.equals(o.subMchId()))
          && o.status() == TradeStatus.SUCCESS
          && beijingDate(o.timeEnd()).equals(date)) {
        lines.add(Bills.Line.payment(o));
      }
    }
    for (Refund r : refunds.values()) {
      if (r.mchId.equals(mchId)
          && (subMchId == null || subMchId.equals(r.subMchId))
          && beijingDate(r.createdAt).equals(date)) {
        lines.add(Bills.Line.refund(orders.get(key(r.owner(), r.outTradeNo)), r));
      }
    }
    lines.sort(java.util.Comparator.comparing(Bills.Line::time));
    return lines;
  }

  // ---------------------------------------------------------------- helpers

  private RefundOutcome outcomeFor(SandboxMerchant m, String outRefundNo, long refundFee) {
    RefundOutcome chosen = outcomeByRefund.get(outRefundNo);
    if (chosen != null) {
      return chosen;
    }
    for (OutcomeRule rule : outcomeRules.getOrDefault(m.mchId(), List.of())) {
      if (refundFee >= rule.minFee() && refundFee <= rule.maxFee()) {
        return rule.outcome();
      }
    }
    return outcomeByMerchant.getOrDefault(m.mchId(), m.refundOutcome());
  }

  private Map<String, String> refundAnswer(Order order, Refund refund) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("transaction_id", order.transactionId());
    out.put("out_trade_no", order.outTradeNo);
    out.put("out_refund_no", refund.outRefundNo);
    out.put("refund_id", refund.refundId);
    out.put("refund_channel", "");
    out.put("refund_fee", Long.toString(refund.refundFee));
    out.put("settlement_refund_fee", Long.toString(refund.refundFee));
    out.put("total_fee", Long.toString(order.totalFee));
    out.put("settlement_total_fee", Long.toString(order.totalFee));
    out.put("fee_type", "CNY");
    out.put("cash_fee", Long.toString(order.totalFee));
    out.put("cash_refund_fee", Long.toString(refund.refundFee));
    return out;
  }

  private Order payable(String prepayId) {
    Order order = byPrepayId.get(prepayId);
    if (order == null) {
      throw new IllegalArgumentException("no order has prepay_id " + prepayId);
    }
    if (order.status() != TradeStatus.NOTPAY && order.status() != TradeStatus.PAYERROR) {
      throw new IllegalStateException("order " + order.outTradeNo + " is " + order.status());
    }
    Instant now = now();
    if (!now.isBefore(order.prepayExpiresAt())) {
      throw new IllegalStateException("prepay_id " + prepayId + " has expired (2 hours)");
    }
    if (order.timeExpire != null && !now.isBefore(order.timeExpire)) {
      throw new IllegalStateException("order " + order.outTradeNo + " expired at time_expire");
    }
    return order;
  }

  private Order findOrder(SandboxMerchant m, Map<String, String> req) {
    String outTradeNo = optional(req, "out_trade_no");
    String transactionId = optional(req, "transaction_id");
    Order order;
    if (transactionId != null) {
      order = byTransactionId.get(transactionId);
      if (order != null && !order.owner().equals(owner(m, req))) {
        order = null;
      }
    } else if (outTradeNo != null) {
      order = orders.get(key(owner(m, req), orderNumber(req, "out_trade_no")));
    } else {
      throw param("缺少参数 out_trade_no or transaction_id");
    }
    if (order == null) {
      throw new BusinessError("ORDERNOTEXIST", "此交易订单号不存在");
    }
    return order;
  }

  private static String tradeStateDesc(Order order) {
    return switch (order.tradeState()) {
      case "SUCCESS" -> "支付成功";
      case "REFUND" -> "转入退款";
      case "CLOSED" -> "已关闭";
      case "PAYERROR" -> "支付失败";
      default -> "订单未支付";
    };
  }

  private static void checkNotifyUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw param("notify_url is not a URL");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw param("notify_url must be an absolute http(s) URL");
    }
    if (uri.getRawQuery() != null) {
      throw param("notify_url不能携带参数 (no query string)");
    }
    if (uri.getPort() != -1 && !Notifier.isLoopbackHost(uri.getHost())) {
      throw param("notify_url不能带端口 (ports only for 127.0.0.1/localhost in the sandbox)");
    }
  }

  /**
   * Whose order numbers a request's are: a direct merchant's, or (for a service provider) its
   * sub-merchant's, whose binding {@link ApiHandler} has checked.
   */
  private static String owner(SandboxMerchant m, Map<String, String> req) {
    return Order.owner(m.mchId(), m.isServiceProvider() ? optional(req, "sub_mch_id") : null);
  }

  /**
   * JSAPI needs the buyer: {@code openid}; a service provider may send {@code sub_openid} instead
   * (or as well), which needs the {@code sub_appid} it belongs to.
   */
  private static void requirePayer(SandboxMerchant m, Map<String, String> req) {
    if (!m.isServiceProvider()) {
      required(req, "openid");
      return;
    }
    if (optional(req, "openid") == null && optional(req, "sub_openid") == null) {
      throw param("缺少参数openid或sub_openid (JSAPI needs openid or sub_openid)");
    }
    if (optional(req, "sub_openid") != null && optional(req, "sub_appid") == null) {
      throw param("sub_appid and sub_openid not match (传sub_openid时必须传sub_appid)");
    }
  }

  private static String required(Map<String, String> req, String name) {
    String value = req.get(name);
    if (value == null || value.isEmpty()) {
      throw param("缺少参数" + name);
    }
    return value;
  }

  private static String optional(Map<String, String> req, String name) {
    String value = req.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static String orderNumber(Map<String, String> req, String name) {
    String value = required(req, name);
    if (!ORDER_NUMBER.matcher(value).matches()) {
      throw param(name + " must be 1-32 of [0-9A-Za-z_-|*@]");
    }
    return value;
  }

  private static long fen(Map<String, String> req, String name) {
    String value = required(req, name);
    if (!FEN.matcher(value).matches()) {
      throw param(name + " must be a positive integer amount of fen");
    }
    return Long.parseLong(value);
  }

  private static Instant time(Map<String, String> req, String name) {
    String value = optional(req, name);
    if (value == null) {
      return null;
    }
    if (value.length() != 14) {
      throw param(name + " must be yyyyMMddHHmmss");
    }
    try {
      return BeijingTime.parse(value);
    } catch (IllegalArgumentException e) {
      throw param(name + " must be yyyyMMddHHmmss");
    }
  }

  private static BusinessError param(String description) {
    return new BusinessError("PARAM_ERROR", description);
  }

  private long[] requireBalance(String mchId) {
    long[] b = balances.get(mchId);
    if (b == null) {
      throw new IllegalArgumentException("unknown mch_id " + mchId);
    }
    return b;
  }

  private Map<String, String> balanceRecord(String mchId) {
    long[] b = balances.get(mchId);
    Map<String, String> r = new LinkedHashMap<>();
    r.put("type", "balance");
    r.put("mch_id", mchId);
    r.put("unsettled_fen", Long.toString(b[0]));
    r.put("available_fen", Long.toString(b[1]));
    return r;
  }

  private void replay() {
    for (Map<String, String> r : journal.read()) {
      try {
        switch (r.get("type")) {
          case "order" -> {
            Order o = Order.fromRecord(r);
            orders.put(key(o.owner(), o.outTradeNo), o);
          }
          case "refund" -> {
            Refund refund = Refund.fromRecord(r);
            refunds.put(key(refund.owner(), refund.outRefundNo), refund);
          }
          case "balance" -> {
            long[] b = balances.get(r.get("mch_id"));
            if (b != null) {
              b[0] = Long.parseLong(r.get("unsettled_fen"));
              b[1] = Long.parseLong(r.get("available_fen"));
            }
          }
          default -> LOG.warning(() -> "journal record of unknown type skipped: " + r.get("type"));
        }
      } catch (RuntimeException e) {
        LOG.warning(() -> "journal record skipped: " + e);
      }
    }
    for (Order o : orders.values()) {
      byPrepayId.put(o.prepayId(), o);
      if (o.transactionId() != null) {
        byTransactionId.put(o.transactionId(), o);
      }
    }
    List<Refund> sorted = new ArrayList<>(refunds.values());
    sorted.sort(java.util.Comparator.comparing((Refund r) -> r.createdAt));
    for (Refund r : sorted) {
      Order o = orders.get(key(r.owner(), r.outTradeNo));
      if (o != null) {
        o.addRefund(r);
      }
    }
    List<Map<String, String>> compacted = new ArrayList<>();
    for (String mchId : balances.keySet()) {
      compacted.add(balanceRecord(mchId));
    }
    orders.values().forEach(o -> compacted.add(o.toRecord()));
    sorted.forEach(r -> compacted.add(r.toRecord()));
    journal.compact(compacted);
    if (journal.persistent()) {
      LOG.info(() -> "state loaded orders=" + orders.size() + " refunds=" + refunds.size());
    }
  }

  private static String key(String mchId, String number) {
    return mchId + '/' + number;
  }

  static LocalDate beijingDate(Instant instant) {
    return instant.atOffset(BeijingTime.OFFSET).toLocalDate();
  }

  /** {@code yyyy-MM-dd HH:mm:ss} in Beijing time (bills, refund success times). */
  static String billTime(Instant instant) {
    return BILL_TIME.format(instant.atOffset(BeijingTime.OFFSET));
  }

  private static String newPrepayId(Instant now) {
    return "wx" + BeijingTime.format(now) + hex(9) + "0000";
  }

  private static String newTransactionId(Instant now) {
    return "4200" + BeijingTime.format(now).substring(0, 8) + digits(16);
  }

  private static String newRefundId(Instant now) {
    return "5030" + BeijingTime.format(now).substring(0, 8) + digits(17);
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }

  private static String digits(int count) {
    StringBuilder sb = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      sb.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return sb.toString();
  }
}
