package io.paydesk.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refund of a paid order. Lifecycle: PROCESSING → SUCCESS | CHANGE | REFUNDCLOSE after the refund
 * delay ({@link RefundState}); the outcome is chosen when it is accepted. Not thread-safe: the
 * {@link Ledger} guards it.
 */
final class Refund {
  static final String RECHARGE_FUNDS = "REFUND_SOURCE_RECHARGE_FUNDS";
  static final String UNSETTLED_FUNDS = "REFUND_SOURCE_UNSETTLED_FUNDS";

  final String mchId;

  /** The sub-merchant of a service provider's refund, or null. */
  final String subMchId;

  final String outTradeNo;
  final String outRefundNo;
  final String refundId;
  final long refundFee;
  final long totalFee;
  final String refundAccount;
  final String notifyUrl;
  final String refundDesc;
  final Instant createdAt;
  final RefundOutcome outcome;
  private RefundState state = RefundState.PROCESSING;
  private Instant successTime;
  private boolean notified;
  private int notifyAttempts;

  Refund(
      String mchId,
      String subMchId,
      String outTradeNo,
      String outRefundNo,
      String refundId,
      long refundFee,
      long totalFee,
      String refundAccount,
      String notifyUrl,
      String refundDesc,
      Instant createdAt,
      RefundOutcome outcome) {
    this.mchId = Objects.requireNonNull(mchId);
    this.subMchId = subMchId;
    this.outTradeNo = Objects.requireNonNull(outTradeNo);
    this.outRefundNo = Objects.requireNonNull(outRefundNo);
    this.refundId = Objects.requireNonNull(refundId);
    this.refundFee = refundFee;
    this.totalFee = totalFee;
    this.refundAccount = Objects.requireNonNull(refundAccount);
    this.notifyUrl = notifyUrl;
    this.refundDesc = refundDesc;
    this.createdAt = Objects.requireNonNull(createdAt);
    this.outcome = Objects.requireNonNull(outcome);
  }

  /** Whose refund numbers this refund's belongs to (see {@link Order#owner()}). */
  String owner() {
    return Order.owner(mchId, subMchId);
  }

  RefundState state() {
    return state;
  }

  Instant successTime() {
    return successTime;
  }

  boolean notified() {
    return notified;
  }

  int notifyAttempts() {
    return notifyAttempts;
  }

  /** Where the money went: the buyer's balance (零钱), WeChat's wording. */
  String recvAccount() {
    return "支付用户的零钱";
  }

  void finish(Instant at) {
    RefundState target = RefundState.of(outcome);
    if (!state.canBecome(target)) {
      throw new IllegalStateException("refund " + outRefundNo + " is already " + state);
    }
    state = target;
    if (target == RefundState.SUCCESS) {
      successTime = at;
    }
  }

  void notificationAttempted(boolean acknowledged) {
    notifyAttempts++;
    if (acknowledged) {
      notified = true;
    }
  }

  Map<String, String> toRecord() {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("type", "refund");
    r.put("mch_id", mchId);
    if (subMchId != null) {
      r.put("sub_mch_id", subMchId);
    }
    r.put("out_trade_no", outTradeNo);
    r.put("out_refund_no", outRefundNo);
    r.put("refund_id", refundId);
    r.put("refund_fee", Long.toString(refundFee));
    r.put("total_fee", Long.toString(totalFee));
    r.put("refund_account", refundAccount);
    if (notifyUrl != null) {
      r.put("notify_url", notifyUrl);
    }
    if (refundDesc != null) {
      r.put("refund_desc", refundDesc);
    }
    r.put("created_at", createdAt.toString());
    r.put("outcome", outcome.name());
    r.put("state", state.name());
    if (successTime != null) {
      r.put("success_at", successTime.toString());
    }
    r.put("notified", Boolean.toString(notified));
    r.put("notify_attempts", Integer.toString(notifyAttempts));
    return r;
  }

  static Refund fromRecord(Map<String, String> r) {
    Refund refund =
        new Refund(
            r.get("mch_id"),
            r.get("sub_mch_id"),
            r.get("out_trade_no"),
            r.get("out_refund_no"),
            r.get("refund_id"),
            Long.parseLong(r.get("refund_fee")),
            Long.parseLong(r.get("total_fee")),
            r.get("refund_account"),
            r.get("notify_url"),
            r.get("refund_desc"),
            Instant.parse(r.get("created_at")),
            RefundOutcome.valueOf(r.get("outcome")));
    refund.state = RefundState.valueOf(r.get("state"));
    refund.successTime = r.get("success_at") == null ? null : Instant.parse(r.get("success_at"));
    refund.notified = Boolean.parseBoolean(r.get("notified"));
    refund.notifyAttempts = Integer.parseInt(r.getOrDefault("notify_attempts", "0"));
    return refund;
  }
}
