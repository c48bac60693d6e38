package io.paydesk.payment.control;

import io.paydesk.payment.boundary.OrderCriteria;
import io.paydesk.payment.boundary.OrderPage;
import io.paydesk.payment.entity.Delivery;
import io.paydesk.payment.entity.OrderStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The order list's SQL, one statement per page, for H2 and PostgreSQL alike: the filters as indexed
 * predicates, newest first by {@code (created_at, id)}, continuing after the previous page's last
 * row (a seek, never an OFFSET), one row more than the page to know whether another follows, and no
 * count. Plain JDBC so that the benchmark runs exactly this against a database with a million
 * orders.
 *
 * <p>Indexes that serve it (V2026.11.28.21.1): {@code (created_at, id)}, {@code (status,
 * created_at, id)}, {@code (openid, created_at, id)}, the unique {@code order_no} and {@code
 * payment_attempt.out_trade_no}. An amount filter alone is checked along the date order.
 */
public final class OrderListQuery {

  private final String sql;
  private final List<Object> parameters = new ArrayList<>();
  private final int pageSize;

  public OrderListQuery(OrderCriteria criteria) {
    this.pageSize = criteria.pageSize();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (criteria.status() != null) {
      where.append(" AND o.status = ?");
      parameters.add(criteria.status().name());
    }
    if (criteria.createdFrom() != null) {
      where.append(" AND o.created_at >= ?");
      parameters.add(utc(criteria.createdFrom()));
    }
    if (criteria.createdTo() != null) {
      where.append(" AND o.created_at < ?");
      parameters.add(utc(criteria.createdTo()));
    }
    if (criteria.orderNo() != null) {
      where.append(" AND o.order_no = ?");
      parameters.add(criteria.orderNo());
    }
    if (criteria.openid() != null) {
      where.append(" AND o.openid = ?");
      parameters.add(criteria.openid());
    }
    if (criteria.outTradeNo() != null) {
      where.append(
          " AND o.id IN (SELECT t.order_id FROM payment_attempt t WHERE t.out_trade_no = ?)");
      parameters.add(criteria.outTradeNo());
    }
    if (criteria.minAmount() != null) {
      where.append(" AND o.amount_fen >= ?");
      parameters.add(criteria.minAmount());
    }
    if (criteria.maxAmount() != null) {
      where.append(" AND o.amount_fen <= ?");
      parameters.add(criteria.maxAmount());
    }
    if (criteria.merchants() != null) {
      where.append(" AND o.mch_id IN (");
      where.append(
          String.join(", ", java.util.Collections.nCopies(criteria.merchants().size(), "?")));
      where.append(")");
      parameters.addAll(new java.util.TreeSet<>(criteria.merchants()));
    }
    OrderCriteria.Cursor after = criteria.after();
    if (after != null) {
      // (created_at, id) < (?, ?), written so that both databases bound the index range by
      // created_at <= ? and check the tie on id
      where.append(" AND o.created_at <= ? AND (o.created_at < ? OR o.id < ?)");
      parameters.add(utc(after.createdAt()));
      parameters.add(utc(after.createdAt()));
      parameters.add(after.id());
    }
    this.sql =
        "SELECT o.id, o.order_no, o.openid, o.amount_fen, o.refunded_fen, o.status,"
            + " o.description, o.created_at, o.paid_at,"
            + " (SELECT MAX(a.out_trade_no) FROM payment_attempt a WHERE a.order_id = o.id),"
            + " o.mch_id, o.delivery_name, o.delivery_phone"
            + " FROM orders o"
            + where
            + " ORDER BY o.created_at DESC, o.id DESC LIMIT ?";
    parameters.add(pageSize + 1);
  }

  public String sql() {
    return sql;
  }

  /** Runs the query on {@code connection}: one page, and where the next one starts. */
  public OrderPage run(Connection connection) throws SQLException {
    List<OrderPage.Row> rows = new ArrayList<>(pageSize + 1);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new OrderPage.Row(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(10),
                  rs.getString(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  OrderStatus.valueOf(rs.getString(6)),
                  rs.getString(7),
                  instant(rs.getObject(8, OffsetDateTime.class)),
                  instant(rs.getObject(9, OffsetDateTime.class)),
                  rs.getString(11),
                  rs.getString(12),
                  // lists never show the whole phone (#17): masked as it is read
                  Delivery.mask(rs.getString(13))));
        }
      }
    }
    if (rows.size() <= pageSize) {
      return new OrderPage(List.copyOf(rows), null);
    }
    List<OrderPage.Row> page = List.copyOf(rows.subList(0, pageSize));
    OrderPage.Row last = page.get(pageSize - 1);
    return new OrderPage(page, new OrderCriteria.Cursor(last.createdAt(), last.id()));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
