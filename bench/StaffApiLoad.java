import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Staff API calls with HTTP Basic (run by bench/staff-api.sh): CLIENTS threads call GET
 * /api/staff/orders?pageSize=20 as "admin" for SECONDS and it prints calls/s and p50/p99/max in ms.
 *
 * <p>Arguments: base URL, admin password file, seconds, clients, label.
 */
public class StaffApiLoad {

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]).resolve("api/staff/orders?pageSize=20");
    String password = Files.readString(Path.of(args[1])).trim();
    int seconds = Integer.parseInt(args[2]);
    int clients = Integer.parseInt(args[3]);
    String label = args[4];
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(uri).header("Authorization", basic).GET().build();
    // warm up: the first call verifies the password the slow way whatever the mode
    for (int i = 0; i < 3; i++) {
      check(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong failures = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long start = System.nanoTime();
                  try {
                    check(http.send(request, HttpResponse.BodyHandlers.ofString()));
                    latencies.add(System.nanoTime() - start);
                  } catch (Exception e) {
                    failures.incrementAndGet();
                  }
                }
              });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    int n = sorted.size();
    System.out.printf(
        "RESULT %s clients=%d calls=%d calls/s=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f failures=%d%n",
        label,
        clients,
        n,
        n / (double) seconds,
        n == 0 ? 0 : sorted.get(n / 2) / 1e6,
        n == 0 ? 0 : sorted.get(Math.min(n - 1, (int) (n * 0.99))) / 1e6,
        n == 0 ? 0 : sorted.get(n - 1) / 1e6,
        failures.get());
  }

  private static void check(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
  }
}
