import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does an embedded H2 database keep every commit that returned when its process is killed
 * (SIGKILL)? Run by bench/durability.sh.
 *
 * <p>A child process opens the database with the given URL settings and, from 16 threads, commits
 * transactions shaped like PayDesk's payment notification (update a row, insert a history row and
 * an outbox row), printing each transaction's id once {@code commit()} has returned. The parent
 * kills the child after a few seconds, opens the database again and counts the printed (that is,
 * acknowledged) transactions whose rows are missing.
 *
 * <p>Usage: java -cp h2.jar bench/H2Crash.java DIR SETTINGS SECONDS (SETTINGS e.g. ";WRITE_DELAY=0"
 * or "" for H2's defaults)
 */
public class H2Crash {

  static final int THREADS = 16;

  public static void main(String[] args) throws Exception {
    if (args[0].equals("child")) {
      child(args[1]);
      return;
    }
    Path dir = Path.of(args[0]);
    String settings = args[1];
    double seconds = Double.parseDouble(args[2]);
    String url = "jdbc:h2:file:" + dir.resolve("crash") + ";DB_CLOSE_ON_EXIT=FALSE" + settings;
    Files.createDirectories(dir);
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      c.createStatement().execute("DROP TABLE IF EXISTS orders, history, outbox");
      c.createStatement()
          .execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(16), version INT)");
      c.createStatement()
          .execute("CREATE TABLE history (id BIGINT AUTO_INCREMENT PRIMARY KEY, tx BIGINT NOT NULL)");
      c.createStatement()
          .execute(
              "CREATE TABLE outbox (id BIGINT AUTO_INCREMENT PRIMARY KEY, tx BIGINT NOT NULL UNIQUE,"
                  + " payload VARCHAR(400))");
      c.createStatement()
          .execute(
              "INSERT INTO orders SELECT x, 'PAYING', 0 FROM SYSTEM_RANGE(1, 100000)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "bench/H2Crash.java",
                "child",
                url)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("C ")) {
                    acknowledged.add(Long.parseLong(line.substring(2)));
                  }
                }
              } catch (Exception e) {
                // the child is gone
              }
            });
    reader.start();
    // let it warm up until it commits, then measure and strike
    while (acknowledged.isEmpty()) {
      Thread.sleep(10);
    }
    int before = acknowledged.size();
    long start = System.nanoTime();
    Thread.sleep((long) (seconds * 1000));
    int during = acknowledged.size() - before;
    double elapsed = (System.nanoTime() - start) / 1e9;
    child.destroyForcibly().waitFor(); // SIGKILL
    reader.join();
    List<Long> lost = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        PreparedStatement q = c.prepareStatement("SELECT tx FROM outbox")) {
      Set<Long> present = ConcurrentHashMap.newKeySet();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          present.add(rs.getLong(1));
        }
      }
      for (Long tx : acknowledged) {
        if (!present.contains(tx)) {
          lost.add(tx);
        }
      }
    }
    System.out.printf(
        "RESULT h2 settings=\"%s\" commits/s=%.0f acknowledged=%d lost=%d%n",
        settings, during / elapsed, acknowledged.size(), lost.size());
  }

  static void child(String url) throws Exception {
    AtomicLong next = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread =
          new Thread(
              () -> {
                try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                  c.setAutoCommit(false);
                  PreparedStatement lock =
                      c.prepareStatement("SELECT status FROM orders WHERE id = ? FOR UPDATE");
                  PreparedStatement update =
                      c.prepareStatement(
                          "UPDATE orders SET status = 'PAID', version = version + 1 WHERE id = ?");
                  PreparedStatement history = c.prepareStatement("INSERT INTO history (tx) VALUES (?)");
                  PreparedStatement outbox =
                      c.prepareStatement("INSERT INTO outbox (tx, payload) VALUES (?, ?)");
                  while (true) {
                    long tx = next.incrementAndGet();
                    long row = 1 + tx % 100000;
                    lock.setLong(1, row);
                    lock.executeQuery().close();
                    update.setLong(1, row);
                    update.executeUpdate();
                    history.setLong(1, tx);
                    history.executeUpdate();
                    outbox.setLong(1, tx);
                    outbox.setString(2, "{\"orderNo\":\"BENCH" + row + "\",\"amount\":1999}");
                    outbox.executeUpdate();
                    c.commit();
                    synchronized (System.out) {
                      System.out.println("C " + tx);
                      System.out.flush();
                    }
                  }
                } catch (Exception e) {
                  e.printStackTrace();
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }
}
