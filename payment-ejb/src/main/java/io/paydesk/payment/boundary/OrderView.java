package io.paydesk.payment.boundary;

import io.paydesk.payment.entity.AttemptStatus;
import io.paydesk.payment.entity.Delivery;
import io.paydesk.payment.entity.NewOrder;
import io.paydesk.payment.entity.Order;
import io.paydesk.payment.entity.OrderHistory;
import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.payment.entity.PaymentAttempt;
import io.paydesk.payment.entity.ShippingUpload;
import io.paydesk.payment.entity.UploadStatus;
import java.time.Instant;
import java.util.List;

/**
 * An order as callers outside the transaction see it: a snapshot, with its history. {@code
 * delivery} holds the whole phone: it is the order's detail, for its own page, its ticket and the
 * caller that created it; lists show {@link Delivery#maskedPhone()} only.
 */
public record OrderView(
    String orderNo,
    String openid,
    long amount,
    String description,
    OrderStatus status,
    Instant createdAt,
    Instant expiresAt,
    Instant paidAt,
    List<NewOrder.Item> items,
    Shipping shipping,
    List<Attempt> attempts,
    List<HistoryEntry> history,
    String mchId,
    Delivery delivery,
    ShippingInfoUpload shippingInfo) {

  /**
   * The upload of the shipment to WeChat's shipping-information service: PENDING (with the reason
   * of the last try, if any, and when it is tried next), UPLOADED or FAILED (with WeChat's reason).
   */
  public record ShippingInfoUpload(
      UploadStatus status,
      int attempts,
      String lastError,
      Instant nextAttemptAt,
      Instant uploadedAt,
      String expressCompany) {

    static ShippingInfoUpload of(ShippingUpload u) {
      return u == null
          ? null
          : new ShippingInfoUpload(
              u.status(),
              u.attempts(),
              u.lastError(),
              u.nextAttemptAt(),
              u.uploadedAt(),
              u.expressCompany());
    }
  }

  /** One payment attempt: its out_trade_no and, once paid, WeChat's transaction id. */
  public record Attempt(
      String outTradeNo,
      AttemptStatus status,
      String transactionId,
      Instant createdAt,
      Instant paidAt,
      String lastOutcome) {

    static Attempt of(PaymentAttempt a) {
      return new Attempt(
          a.outTradeNo(),
          a.status(),
          a.transactionId(),
          a.createdAt(),
          a.paidAt(),
          a.lastOutcome());
    }
  }

  /** How the order was shipped; null until it is. */
  public record Shipping(String carrier, String trackingNo, Instant shippedAt) {}

  /** One row of the order's history. */
  public record HistoryEntry(
      OrderStatus from, OrderStatus to, String actor, String reason, Instant at) {

    static HistoryEntry of(OrderHistory row) {
      return new HistoryEntry(
          row.fromStatus(), row.toStatus(), row.actor(), row.reason(), row.occurredAt());
    }
  }

  static OrderView of(Order order) {
    return of(order, null);
  }

  static OrderView of(Order order, ShippingUpload upload) {
    return new OrderView(
        order.orderNo(),
        order.openid(),
        order.amount(),
        order.description(),
        order.status(),
        order.createdAt(),
        order.expiresAt(),
        order.paidAt(),
        order.items(),
        order.shippedAt() == null
            ? null
            : new Shipping(order.carrier(), order.trackingNo(), order.shippedAt()),
        order.attempts().stream().map(Attempt::of).toList(),
        order.history().stream().map(HistoryEntry::of).toList(),
        order.mchId(),
        order.delivery(),
        ShippingInfoUpload.of(upload));
  }
}
