package io.paydesk.payment.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.payment.boundary.OrderCriteria;
import io.paydesk.payment.boundary.OrderPage;
import io.paydesk.payment.entity.OrderStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order list's statement on an in-memory H2 with PayDesk's migrations: pages by seek cover
 * every matching order once, in order, also when many orders share one {@code created_at}. (The
 * same statement runs on PostgreSQL in OrderSearchOnPostgresIT and bench/orders.sh.)
 */
class OrderListQueryTest {

  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  Connection db;

  @BeforeEach
  void migrate() throws SQLException {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/migration")
        .load()
        .migrate();
    db = DriverManager.getConnection(url, "sa", "");
    // 60 orders, ids 1..60; every 4 share a created_at (ties); statuses and buyers alternate
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO orders (id, order_no, openid, amount_fen, description, status, created_at,"
                + " expires_at, version) VALUES (?, ?, ?, ?, 'd', ?, ?, ?, 0)")) {
      for (int id = 1; id <= 60; id++) {
        var created = T0.plusSeconds(60L * ((id - 1) / 4)).atOffset(ZoneOffset.UTC);
        insert.setLong(1, id);
        insert.setString(2, "SO" + id);
        insert.setString(3, id % 2 == 0 ? "o-even" : "o-odd");
        insert.setLong(4, id * 100L);
        insert.setString(5, id % 3 == 0 ? "PAID" : "CREATED");
        insert.setObject(6, created);
        insert.setObject(7, created.plusHours(2));
        insert.executeUpdate();
      }
    }
    try (var s = db.createStatement()) {
      s.executeUpdate(
          "INSERT INTO payment_attempt (id, order_id, out_trade_no, status, amount_fen, client_ip,"
              + " created_at, checks, version) SELECT id, id, 'PD' || id, 'OPEN', amount_fen,"
              + " '10.0.0.1', created_at, 0, 0 FROM orders WHERE id IN (7, 8)");
      s.executeUpdate(
          "INSERT INTO payment_attempt (id, order_id, out_trade_no, status, amount_fen, client_ip,"
              + " created_at, checks, version) VALUES (100, 8, 'PD8-2', 'OPEN', 800, '10.0.0.1',"
              + " TIMESTAMP WITH TIME ZONE '2026-11-01 00:10:00+00', 0, 0)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void pagesBySeekCoverEveryOrderOnceNewestFirstThroughTies() throws SQLException {
    List<Long> seen = walk(criteria(null, null, null, null, null, 7));

    assertThat(seen).hasSize(60).doesNotHaveDuplicates();
    // newest created_at first; within one created_at the larger id first
    List<Long> expected = new ArrayList<>();
    for (long id = 60; id >= 1; id--) {
      expected.add(id);
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void filtersCombineAndPageTheSameWay() throws SQLException {
    List<Long> paidEven = walk(criteria(OrderStatus.PAID, "o-even", null, null, null, 4));
    assertThat(paidEven).containsExactly(60L, 54L, 48L, 42L, 36L, 30L, 24L, 18L, 12L, 6L);

    var amounts = new OrderCriteria(null, null, null, null, null, null, 1000L, 1500L, null, 50);
    assertThat(walk(amounts)).containsExactly(15L, 14L, 13L, 12L, 11L, 10L);

    Instant from = T0.plusSeconds(60);
    Instant to = T0.plusSeconds(180);
    var range = new OrderCriteria(null, from, to, null, null, null, null, null, null, 3);
    assertThat(walk(range)).containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L);

    assertThat(walk(criteria(null, null, "SO17", null, null, 50))).containsExactly(17L);
    assertThat(walk(criteria(null, null, null, "PD8-2", null, 50))).containsExactly(8L);
    assertThat(walk(criteria(null, null, null, "PD404", null, 50))).isEmpty();
  }

  @Test
  void aRowShowsItsLatestAttemptAndThePageSaysWhetherMoreFollow() throws SQLException {
    OrderPage page =
        new OrderListQuery(criteria(null, null, null, null, null, 50).after(null)).run(db);
    assertThat(page.rows()).hasSize(50);
    assertThat(page.hasNext()).isTrue();
    OrderPage.Row eight =
        new OrderListQuery(criteria(null, null, "SO8", null, null, 50)).run(db).rows().get(0);
    assertThat(eight.outTradeNo()).isEqualTo("PD8-2");
    assertThat(eight.amount()).isEqualTo(800);
    assertThat(eight.createdAt()).isEqualTo(T0.plusSeconds(60));

    OrderPage last = new OrderListQuery(criteria(null, null, null, null, null, 60)).run(db);
    assertThat(last.rows()).hasSize(60);
    assertThat(last.hasNext()).isFalse();
  }

  @Test
  void theListShowsTheRecipientWithTheirPhoneMasked() throws SQLException {
    try (var update =
        db.prepareStatement(
            "UPDATE orders SET delivery_name = '张三', delivery_phone = '13800138000'"
                + " WHERE order_no = 'SO9'")) {
      update.executeUpdate();
    }
    OrderPage.Row nine =
        new OrderListQuery(criteria(null, null, "SO9", null, null, 50)).run(db).rows().get(0);
    assertThat(nine.recipientName()).isEqualTo("张三");
    assertThat(nine.maskedPhone()).isEqualTo("138****8000");
    OrderPage.Row eight =
        new OrderListQuery(criteria(null, null, "SO8", null, null, 50)).run(db).rows().get(0);
    assertThat(eight.maskedPhone()).isNull();
  }

  @Test
  void aCursorSurvivesItsToken() {
    var cursor = new OrderCriteria.Cursor(Instant.parse("2026-11-28T01:02:03.123456Z"), 42);
    assertThat(OrderCriteria.Cursor.of(cursor.token())).isEqualTo(cursor);
  }

  private List<Long> walk(OrderCriteria first) throws SQLException {
    List<Long> ids = new ArrayList<>();
    var seenCursors = new HashSet<OrderCriteria.Cursor>();
    OrderPage page = new OrderListQuery(first).run(db);
    page.rows().forEach(r -> ids.add(r.id()));
    while (page.hasNext()) {
      assertThat(seenCursors.add(page.next())).as("the cursor moves on").isTrue();
      assertThat(page.rows()).hasSize(first.pageSize());
      page = new OrderListQuery(first.after(page.next())).run(db);
      page.rows().forEach(r -> ids.add(r.id()));
    }
    return ids;
  }

  private static OrderCriteria criteria(
      OrderStatus status, String openid, String orderNo, String outTradeNo, Long min, int size) {
    return new OrderCriteria(
        status, null, null, orderNo, outTradeNo, openid, min, null, null, size);
  }
}
