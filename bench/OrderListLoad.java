import io.paydesk.payment.boundary.OrderCriteria;
import io.paydesk.payment.boundary.OrderPage;
import io.paydesk.payment.control.OrderListQuery;
import io.paydesk.payment.entity.OrderStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Order-list page time against a database holding the benchmark's orders (run by bench/orders.sh).
 *
 * <p>Runs PayDesk's own {@link OrderListQuery} (the statement the console's order list and the
 * staff API run, through the same JDBC calls) for each typical filter, many times with varying
 * values, on one connection, and prints p50/p95/max of the time from executing the statement to
 * the page's last row read, in milliseconds. Page size 50.
 *
 * <p>Arguments: JDBC URL, user, password, orders in the table, buyers (distinct openids).
 */
public class OrderListLoad {

  static final int PAGE = 50;
  static final int RUNS = 300;
  static final Instant START = Instant.parse("2025-11-28T00:00:00Z");

  public static void main(String[] args) throws Exception {
    String url = args[0];
    long orders = Long.parseLong(args[3]);
    long buyers = Long.parseLong(args[4]);
    try (Connection db = DriverManager.getConnection(url, args[1], args[2])) {
      db.setReadOnly(true);
      long span = Duration.ofDays(365).toSeconds();
      // a random instant in the year the orders cover
      Function<Random, Instant> when = r -> START.plusSeconds((long) (r.nextDouble() * span));

      measure(db, "first page, no filter", RUNS, r -> criteria(null, null, null, null, null, null, null, null, null));
      walk(db, "next pages by seek, pages 2-201 (rows 51-10,050)", 200, criteria(null, null, null, null, null, null, null, null, null));
      measure(db, "a deep page: seek to a random point in the year", RUNS,
          r -> criteria(null, null, null, null, null, null, null, null, new OrderCriteria.Cursor(when.apply(r), Long.MAX_VALUE)));
      measure(db, "status PAID (about half), first page", RUNS, r -> criteria(OrderStatus.PAID, null, null, null, null, null, null, null, null));
      measure(db, "status REFUNDED (about 2%), random seek point", RUNS,
          r -> criteria(OrderStatus.REFUNDED, null, null, null, null, null, null, null, new OrderCriteria.Cursor(when.apply(r), Long.MAX_VALUE)));
      walk(db, "status SHIPPED, pages 2-101 by seek", 100, criteria(OrderStatus.SHIPPED, null, null, null, null, null, null, null, null));
      measure(db, "date range: one random day", RUNS, r -> {
        Instant from = when.apply(r);
        return criteria(null, from, from.plus(Duration.ofDays(1)), null, null, null, null, null, null);
      });
      measure(db, "date range: one random week + status CLOSED", RUNS, r -> {
        Instant from = when.apply(r);
        return criteria(OrderStatus.CLOSED, from, from.plus(Duration.ofDays(7)), null, null, null, null, null, null);
      });
      measure(db, "openid of a random buyer", RUNS,
          r -> criteria(null, null, null, null, null, "o-buyer-" + r.nextInt((int) buyers), null, null, null));
      measure(db, "out_trade_no of a random attempt", RUNS,
          r -> criteria(null, null, null, null, "PD" + (1 + r.nextInt((int) orders)), null, null, null, null));
      measure(db, "order number of a random order", RUNS,
          r -> criteria(null, null, null, "SO" + (1 + r.nextInt((int) orders)), null, null, null, null, null));
      measure(db, "amount range 100-200 yuan (about 10%), first page", RUNS,
          r -> criteria(null, null, null, null, null, null, 10000L, 20000L, null));
      measure(db, "amount range + one random day", RUNS, r -> {
        Instant from = when.apply(r);
        return criteria(null, from, from.plus(Duration.ofDays(1)), null, null, null, 10000L, 20000L, null);
      });
      measure(db, "exact amount 123.45 yuan (about 10 orders)", RUNS,
          r -> criteria(null, null, null, null, null, null, 12345L, 12345L, null));
      try (Statement s = db.createStatement()) {
        long[] counts = new long[5];
        for (int i = 0; i < counts.length; i++) {
          long t0 = System.nanoTime();
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
          }
          counts[i] = System.nanoTime() - t0;
        }
        report("for comparison (not used): SELECT count(*) FROM orders", counts);
      }
    }
  }

  static OrderCriteria criteria(
      OrderStatus status, Instant from, Instant to, String orderNo, String outTradeNo, String openid,
      Long min, Long max, OrderCriteria.Cursor after) {
    return new OrderCriteria(status, from, to, orderNo, outTradeNo, openid, min, max, after, PAGE);
  }

  static void measure(Connection db, String name, int runs, Function<Random, OrderCriteria> make)
      throws SQLException {
    Random random = new Random(name.hashCode());
    for (int i = 0; i < 20; i++) {
      new OrderListQuery(make.apply(random)).run(db);
    }
    long[] nanos = new long[runs];
    long rows = 0;
    for (int i = 0; i < runs; i++) {
      OrderCriteria c = make.apply(random);
      long t0 = System.nanoTime();
      OrderPage page = new OrderListQuery(c).run(db);
      nanos[i] = System.nanoTime() - t0;
      rows += page.rows().size();
    }
    report(String.format("%s (%.1f rows/page)", name, (double) rows / runs), nanos);
  }

  static void walk(Connection db, String name, int pages, OrderCriteria first) throws SQLException {
    OrderPage page = new OrderListQuery(first).run(db);
    long[] nanos = new long[pages];
    for (int i = 0; i < pages && page.hasNext(); i++) {
      OrderCriteria c = first.after(page.next());
      long t0 = System.nanoTime();
      page = new OrderListQuery(c).run(db);
      nanos[i] = System.nanoTime() - t0;
    }
    report(name, nanos);
  }

  static void report(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "RESULT %-62s p50=%7.2f ms  p95=%7.2f ms  max=%7.2f ms  n=%d%n",
        name,
        sorted[(int) (sorted.length * 0.50)] / 1e6,
        sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.95))] / 1e6,
        sorted[sorted.length - 1] / 1e6,
        sorted.length);
  }
}
