package io.paydesk.payment.boundary;

import io.paydesk.payment.entity.OrderStatus;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One page of the order list. {@code next} is where the following page starts, null on the last
 * page (found by reading one row more than the page holds, never by counting).
 */
public record OrderPage(List<Row> rows, OrderCriteria.Cursor next) implements Serializable {

  public boolean hasNext() {
    return next != null;
  }

  /**
   * An order as the list shows it; {@code outTradeNo} is its latest payment attempt's (null before
   * the first). The recipient's phone is masked ({@code 138****8000}); null without delivery
   * details.
   */
  public record Row(
      long id,
      String orderNo,
      String outTradeNo,
      String openid,
      long amount,
      long refundedAmount,
      OrderStatus status,
      String description,
      Instant createdAt,
      Instant paidAt,
      String mchId,
      String recipientName,
      String maskedPhone)
      implements Serializable {}
}
