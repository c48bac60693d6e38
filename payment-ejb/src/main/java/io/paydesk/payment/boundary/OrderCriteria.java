package io.paydesk.payment.boundary;

import io.paydesk.payment.entity.OrderStatus;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.io.Serializable;
import java.time.Instant;

/**
 * What staff look for in the order list: every filter is optional (null), they combine with AND.
 * Orders come newest first ({@code created_at} descending, then id); {@code after} continues after
 * the last row of the previous page (seek pagination, no offset).
 *
 * @param createdFrom inclusive
 * @param createdTo exclusive
 * @param minAmount fen, inclusive
 * @param maxAmount fen, inclusive
 * @param pageSize 1 to {@value #MAX_PAGE_SIZE}
 * @param merchants only these merchants' orders (their mch_ids); null or empty: every merchant's
 */
public record OrderCriteria(
    OrderStatus status,
    Instant createdFrom,
    Instant createdTo,
    String orderNo,
    String outTradeNo,
    String openid,
    Long minAmount,
    Long maxAmount,
    Cursor after,
    int pageSize,
    java.util.Set<String> merchants)
    implements Serializable {

  /** Every merchant's orders. */
  public OrderCriteria(
      OrderStatus status,
      Instant createdFrom,
      Instant createdTo,
      String orderNo,
      String outTradeNo,
      String openid,
      Long minAmount,
      Long maxAmount,
      Cursor after,
      int pageSize) {
    this(
        status,
        createdFrom,
        createdTo,
        orderNo,
        outTradeNo,
        openid,
        minAmount,
        maxAmount,
        after,
        pageSize,
        null);
  }

  public static final int MAX_PAGE_SIZE = 200;
  public static final int DEFAULT_PAGE_SIZE = 50;

  public OrderCriteria {
    merchants = merchants == null || merchants.isEmpty() ? null : java.util.Set.copyOf(merchants);
    orderNo = blankToNull(orderNo);
    outTradeNo = blankToNull(outTradeNo);
    openid = blankToNull(openid);
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw invalid("pageSize is 1 to " + MAX_PAGE_SIZE);
    }
    if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
      throw invalid("the date range ends before it starts");
    }
    if (minAmount != null && minAmount < 0 || maxAmount != null && maxAmount < 0) {
      throw invalid("amounts are not negative");
    }
    if (minAmount != null && maxAmount != null && minAmount > maxAmount) {
      throw invalid("the smallest amount is larger than the largest");
    }
  }

  /** Every order, newest first, one default page. */
  public static OrderCriteria all() {
    return new OrderCriteria(
        null, null, null, null, null, null, null, null, null, DEFAULT_PAGE_SIZE);
  }

  /** The same filters, continuing after {@code cursor} (null: the first page). */
  public OrderCriteria after(Cursor cursor) {
    return new OrderCriteria(
        status,
        createdFrom,
        createdTo,
        orderNo,
        outTradeNo,
        openid,
        minAmount,
        maxAmount,
        cursor,
        pageSize,
        merchants);
  }

  /** The same filters, limited to these merchants' orders (null or empty: every merchant's). */
  public OrderCriteria forMerchants(java.util.Set<String> mchIds) {
    return new OrderCriteria(
        status,
        createdFrom,
        createdTo,
        orderNo,
        outTradeNo,
        openid,
        minAmount,
        maxAmount,
        after,
        pageSize,
        mchIds);
  }

  /**
   * Where a page ended: the sort key of its last row. As a token: {@code
   * <epochSecond>.<nano>.<id>}.
   */
  public record Cursor(Instant createdAt, long id) implements Serializable {

    public String token() {
      return createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
    }

    public static Cursor of(String token) {
      String[] parts = token == null ? new String[0] : token.split("\\.");
      try {
        if (parts.length == 3) {
          return new Cursor(
              Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
              Long.parseLong(parts[2]));
        }
      } catch (RuntimeException e) {
        // falls through to the clear error below
      }
      throw invalid("not a page cursor: " + token);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }
}
