import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load harness for PayDesk's payment notification endpoint (run by bench/notifications.sh).
 *
 * <p>Creates orders through the shop API and opens their payment attempts (a real unified order at
 * the sandbox), then sends each attempt's payment notification — signed with the merchant's key,
 * exactly as WeChat would — from N concurrent clients, once each, and reports throughput and
 * latency percentiles. Every notification is a first payment: a locked order row, a state change,
 * a history row and an outbox event in one transaction.
 *
 * <p>Usage: java -cp wechatpay.jar bench/NotificationLoad.java BASE_URL API_KEY_FILE APPID MCH_ID
 * ORDERS CLIENTS
 */
public class NotificationLoad {

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
    Secret key = Secret.of(Files.readString(Path.of(args[1])).trim());
    String appId = args[2];
    String mchId = args[3];
    int orders = Integer.parseInt(args[4]);
    int clients = Integer.parseInt(args[5]);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(clients))
            .build();

    String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
    long amount = 1999;
    System.out.printf("preparing %d orders with open payment attempts...%n", orders);
    List<String> outTradeNos = prepare(http, base, run, orders, amount, clients);

    Signer signer = new Signer(key);
    List<String> bodies = new ArrayList<>();
    for (String outTradeNo : outTradeNos) {
      bodies.add(WeChatXml.write(signer.signed(notification(appId, mchId, outTradeNo, amount), SignType.MD5)));
    }
    // warm-up: 5% of the notifications, not counted
    int warm = Math.max(clients, bodies.size() / 20);
    fire(http, base, bodies.subList(0, warm), clients);
    List<String> measured = bodies.subList(warm, bodies.size());
    // bench/notifications.sh starts its profiler on this line (PAYDESK_BENCH_JFR)
    System.out.printf("measuring %d notifications%n", measured.size());
    System.out.flush();
    long start = System.nanoTime();
    long[] latencies = fire(http, base, measured, clients);
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    System.out.printf(
        "RESULT paydesk notifications=%d clients=%d seconds=%.2f throughput=%.1f/s p50=%.2fms p99=%.2fms max=%.2fms%n",
        measured.size(),
        clients,
        seconds,
        measured.size() / seconds,
        percentile(latencies, 50) / 1e6,
        percentile(latencies, 99) / 1e6,
        latencies[latencies.length - 1] / 1e6);
    System.exit(0);
  }

  static List<String> prepare(
      HttpClient http, URI base, String run, int orders, long amount, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    Pattern outTradeNo = Pattern.compile("\"outTradeNo\":\"([^\"]+)\"");
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      String orderNo = "LOAD" + run + "-" + i;
      futures.add(
          pool.submit(
              () -> {
                String order =
                    "{\"orderNo\":\"" + orderNo + "\",\"openid\":\"o-load\",\"amount\":" + amount
                        + ",\"description\":\"load test\"}";
                expect(post(http, base.resolve("api/orders"), "application/json", order), 201);
                HttpResponse<String> payment =
                    post(http, base.resolve("api/orders/" + orderNo + "/payment"), "application/json", "{}");
                expect(payment, 200);
                Matcher m = outTradeNo.matcher(payment.body());
                if (!m.find()) {
                  throw new IllegalStateException(payment.body());
                }
                return m.group(1);
              }));
    }
    List<String> result = new ArrayList<>();
    for (Future<String> f : futures) {
      result.add(f.get());
    }
    pool.shutdown();
    return result;
  }

  static long[] fire(HttpClient http, URI base, List<String> bodies, int clients) throws Exception {
    long[] latencies = new long[bodies.size()];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> workers = new ArrayList<>();
    URI notify = base.resolve("api/wechat/notify/pay");
    for (int c = 0; c < clients; c++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                  long t0 = System.nanoTime();
                  HttpResponse<String> answer = post(http, notify, "text/xml", bodies.get(i));
                  latencies[i] = System.nanoTime() - t0;
                  if (!answer.body().contains("SUCCESS")) {
                    throw new IllegalStateException("notification refused: " + answer.body());
                  }
                }
                return null;
              }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();
    return latencies;
  }

  static Map<String, String> notification(String appId, String mchId, String outTradeNo, long fee) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("appid", appId);
    f.put("mch_id", mchId);
    f.put("nonce_str", UUID.randomUUID().toString().replace("-", ""));
    f.put("result_code", "SUCCESS");
    f.put("return_code", "SUCCESS");
    f.put("openid", "o-load");
    f.put("trade_type", "JSAPI");
    f.put("bank_type", "CMC");
    f.put("total_fee", Long.toString(fee));
    f.put("cash_fee", Long.toString(fee));
    f.put("transaction_id", "4200" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
    f.put("out_trade_no", outTradeNo);
    f.put("time_end", "20261128120000");
    return f;
  }

  static HttpResponse<String> post(HttpClient http, URI uri, String type, String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", type)
              // the shop API's key (./paydesk run's demo client); WeChat's notify URL ignores it
              .header("Authorization", "Bearer " + System.getenv("PAYDESK_API_KEY"))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void expect(HttpResponse<String> answer, int status) {
    if (answer.statusCode() != status) {
      throw new IllegalStateException(answer.statusCode() + " " + answer.body());
    }
  }

  static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
