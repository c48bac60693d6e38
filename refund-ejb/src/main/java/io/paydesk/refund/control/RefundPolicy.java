package io.paydesk.refund.control;

import io.paydesk.payment.boundary.RefundableOrder;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.refund.entity.Refund;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which refunds may be requested, and how many approvals they need. Refunds are for paid, shipped
 * or partially refunded orders, within a year of payment, at most {@value #MAX_REFUNDS} per order
 * (WeChat's limits), and the refunds that can still happen (all but FAILED and REJECTED) never add
 * up to more than was paid. Amounts strictly below {@code autoApproveBelow} fen are approved
 * automatically; from {@code fourEyesFrom} fen on, two different people must approve (four-eyes
 * wins when both apply).
 */
public record RefundPolicy(long autoApproveBelow, long fourEyesFrom, int maxPending) {

  public static final int MAX_REFUNDS = 50;

  /**
   * Refunds of one order waiting for approval at once, by default ({@code
   * paydesk.refund.max-pending-per-order}): without a cap, one API client could fill an order's 50
   * refunds with requests nobody approves and so lock its refunds.
   */
  public static final int DEFAULT_MAX_PENDING = 10;

  public RefundPolicy(long autoApproveBelow, long fourEyesFrom) {
    this(autoApproveBelow, fourEyesFrom, DEFAULT_MAX_PENDING);
  }

  static final Set<OrderStatus> REFUNDABLE =
      EnumSet.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.PARTIALLY_REFUNDED);

  public RefundPolicy {
    if (maxPending < 1) {
      throw new IllegalArgumentException("paydesk.refund.max-pending-per-order must be >= 1");
    }
    if (autoApproveBelow < 0 || fourEyesFrom < 1) {
      throw new IllegalArgumentException(
          "paydesk.refund.auto-approve-below must be >= 0 and paydesk.refund.four-eyes-from >= 1");
    }
  }

  /**
   * Refuses a refund of {@code amount} fen of {@code order}, given the refunds it has already.
   *
   * @throws PayDeskException REFUND_NOT_ALLOWED, REFUND_LIMIT or REFUND_EXCEEDS_PAID
   */
  public void check(RefundableOrder order, List<Refund> existing, long amount, Instant now) {
    String orderNo = order.orderNo();
    if (!REFUNDABLE.contains(order.status())
        || order.outTradeNo() == null
        || order.paidAt() == null) {
      throw new PayDeskException(
          ErrorCode.REFUND_NOT_ALLOWED,
          "order " + orderNo + " is " + order.status() + ": only paid orders can be refunded");
    }
    if (!now.isBefore(order.paidAt().atOffset(ZoneOffset.UTC).plusYears(1).toInstant())) {
      throw new PayDeskException(
          ErrorCode.REFUND_NOT_ALLOWED,
          "order " + orderNo + " was paid more than a year ago: WeChat refunds it no more");
    }
    if (existing.size() >= MAX_REFUNDS) {
      throw new PayDeskException(
          ErrorCode.REFUND_LIMIT,
          "order " + orderNo + " has " + existing.size() + " refunds, WeChat's limit");
    }
    long pending = existing.stream().filter(r -> r.status().awaitsApproval()).count();
    if (pending >= maxPending) {
      throw new PayDeskException(
          ErrorCode.REFUND_LIMIT,
          "order "
              + orderNo
              + " has "
              + pending
              + " refunds waiting for approval; no more until finance decides"
              + " (paydesk.refund.max-pending-per-order)");
    }
    long left = refundable(order.amountPaid(), existing);
    if (amount > left) {
      throw new PayDeskException(
          ErrorCode.REFUND_EXCEEDS_PAID,
          "order " + orderNo + " has " + left + " fen left to refund, not " + amount);
    }
  }

  /** What can still be refunded of {@code paid} fen: refunds FAILED or REJECTED do not count. */
  public static long refundable(long paid, List<Refund> existing) {
    long taken = existing.stream().filter(r -> r.status().counts()).mapToLong(Refund::amount).sum();
    return Math.max(0, paid - taken);
  }

  /** 2 (four-eyes) from {@code fourEyesFrom} fen on, otherwise 1. */
  public int approvalsRequired(long amount) {
    return amount >= fourEyesFrom ? 2 : 1;
  }

  /** Approved at request time by "auto": strictly below the threshold and not under four-eyes. */
  public boolean autoApproves(long amount) {
    return amount < autoApproveBelow && approvalsRequired(amount) == 1;
  }
}
