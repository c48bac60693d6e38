import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
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
 * Mixed-workload capacity of one PayDesk node (run by bench/mixed.sh).
 *
 * <p>Each client repeats a shopper's journey through the public interfaces: create an order, pay
 * it (a unified order at the sandbox), WeChat's payment notification (signed with the merchant's
 * key), query the order, ship it, request a partial refund; every 20th journey also opens the staff
 * order list (HTTP Basic, as a console user's script would). The client count goes up in steps;
 * each step runs for a fixed time and reports journeys per second and each operation's p50/p99.
 * The capacity is the best step whose every p99 stays within the target.
 *
 * <p>Usage: java -cp wechatpay.jar bench/MixedLoad.java BASE_URL WECHAT_KEY_FILE APPID MCH_ID
 * ADMIN_PASSWORD_FILE SECONDS_PER_STEP P99_TARGET_MS CLIENT_STEPS(e.g. 2,4,8,16)
 */
public class MixedLoad {

  enum Op {
    CREATE,
    PAY,
    NOTIFY,
    QUERY,
    SHIP,
    REFUND_REQUEST,
    STAFF_LIST
  }

  static final long AMOUNT = 1999;

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
    Signer signer = new Signer(Secret.of(Files.readString(Path.of(args[1])).trim()));
    String appId = args[2];
    String mchId = args[3];
    String staff =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    ("admin:" + Files.readString(Path.of(args[4])).trim())
                        .getBytes(StandardCharsets.UTF_8));
    int seconds = Integer.parseInt(args[5]);
    double target = Double.parseDouble(args[6]);
    int[] steps = Arrays.stream(args[7].split(",")).mapToInt(Integer::parseInt).toArray();
    String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
    AtomicInteger serial = new AtomicInteger();
    String best = "none";
    double bestRate = 0;
    for (int clients : steps) {
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .executor(Executors.newFixedThreadPool(clients))
              .build();
      Journeys journeys =
          new Journeys(http, base, signer, appId, mchId, staff, run, serial, clients);
      // a short warm-up per step, not counted
      journeys.run(Math.max(2, seconds / 6));
      Result r = journeys.run(seconds);
      boolean within = true;
      StringBuilder line = new StringBuilder();
      for (Op op : Op.values()) {
        long[] l = r.latencies.get(op);
        if (l.length == 0) {
          continue;
        }
        double p99 = percentile(l, 99) / 1e6;
        within &= p99 <= target;
        line.append(
            String.format(
                " %s=%d/p50=%.1fms/p99=%.1fms",
                op.name().toLowerCase(), l.length, percentile(l, 50) / 1e6, p99));
      }
      double rate = r.journeys / r.seconds;
      System.out.printf(
          "RESULT mixed clients=%d journeys/s=%.1f requests/s=%.1f errors=%d within_p99_%sms=%s%s%n",
          clients, rate, r.requests / r.seconds, r.errors, (long) target, within, line);
      if (within && r.errors == 0 && rate > bestRate) {
        bestRate = rate;
        best = String.format("%.1f journeys/s (%.1f requests/s) at %d clients", rate, r.requests / r.seconds, clients);
      }
    }
    System.out.printf("RESULT capacity p99<=%sms: %s%n", (long) target, best);
    System.exit(0);
  }

  record Result(double seconds, long journeys, long requests, long errors, Map<Op, long[]> latencies) {}

  record Journeys(
      HttpClient http,
      URI base,
      Signer signer,
      String appId,
      String mchId,
      String staff,
      String run,
      AtomicInteger serial,
      int clients) {

    Result run(int seconds) throws Exception {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<Map<Op, List<Long>>>> workers = new ArrayList<>();
      AtomicInteger journeys = new AtomicInteger();
      AtomicInteger errors = new AtomicInteger();
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        workers.add(
            pool.submit(
                () -> {
                  Map<Op, List<Long>> mine = new EnumMap<>(Op.class);
                  for (Op op : Op.values()) {
                    mine.put(op, new ArrayList<>());
                  }
                  while (System.nanoTime() < end) {
                    try {
                      journey(serial.incrementAndGet(), mine);
                      journeys.incrementAndGet();
                    } catch (RuntimeException e) {
                      if (errors.incrementAndGet() <= 3) {
                        System.err.println("journey failed: " + e.getMessage());
                      }
                    }
                  }
                  return mine;
                }));
      }
      Map<Op, List<Long>> all = new EnumMap<>(Op.class);
      for (Op op : Op.values()) {
        all.put(op, new ArrayList<>());
      }
      for (Future<Map<Op, List<Long>>> w : workers) {
        w.get().forEach((op, l) -> all.get(op).addAll(l));
      }
      double took = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      Map<Op, long[]> sorted = new EnumMap<>(Op.class);
      long requests = 0;
      for (Op op : Op.values()) {
        long[] l = all.get(op).stream().mapToLong(Long::longValue).sorted().toArray();
        sorted.put(op, l);
        requests += l.length;
      }
      return new Result(took, journeys.get(), requests, errors.get(), sorted);
    }

    private void journey(int n, Map<Op, List<Long>> latencies) {
      String orderNo = "MIX" + run + "-" + n;
      String order =
          "{\"orderNo\":\"" + orderNo + "\",\"openid\":\"o-mixed\",\"amount\":" + AMOUNT
              + ",\"description\":\"mixed load\"}";
      timed(latencies, Op.CREATE, () -> post("api/orders", "application/json", order, 201));
      String payment =
          timed(
              latencies,
              Op.PAY,
              () -> post("api/orders/" + orderNo + "/payment", "application/json", "{}", 200));
      Matcher m = Pattern.compile("\"outTradeNo\":\"([^\"]+)\"").matcher(payment);
      if (!m.find()) {
        throw new IllegalStateException("no outTradeNo: " + payment);
      }
      String body = WeChatXml.write(signer.signed(notification(m.group(1)), SignType.MD5));
      String answer =
          timed(latencies, Op.NOTIFY, () -> post("api/wechat/notify/pay", "text/xml", body, 200));
      if (!answer.contains("SUCCESS")) {
        throw new IllegalStateException("notification refused: " + answer);
      }
      timed(latencies, Op.QUERY, () -> get("api/orders/" + orderNo, null));
      timed(
          latencies,
          Op.SHIP,
          () ->
              post(
                  "api/orders/" + orderNo + "/shipment",
                  "application/json",
                  "{\"carrier\":\"SF\",\"trackingNo\":\"SF" + n + "\"}",
                  200));
      timed(
          latencies,
          Op.REFUND_REQUEST,
          () ->
              post(
                  "api/orders/" + orderNo + "/refunds",
                  "application/json",
                  "{\"amount\":500,\"reason\":\"mixed load\",\"requestId\":\"mix-" + run + "-" + n + "\"}",
                  201));
      if (n % 20 == 0) {
        timed(latencies, Op.STAFF_LIST, () -> get("api/staff/orders?pageSize=50", staff));
      }
    }

    private Map<String, String> notification(String outTradeNo) {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("appid", appId);
      f.put("mch_id", mchId);
      f.put("nonce_str", UUID.randomUUID().toString().replace("-", ""));
      f.put("result_code", "SUCCESS");
      f.put("return_code", "SUCCESS");
      f.put("openid", "o-mixed");
      f.put("trade_type", "JSAPI");
      f.put("bank_type", "CMC");
      f.put("total_fee", Long.toString(AMOUNT));
      f.put("cash_fee", Long.toString(AMOUNT));
      f.put("transaction_id", "4200" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
      f.put("out_trade_no", outTradeNo);
      f.put("time_end", "20261128120000");
      return f;
    }

    private String post(String path, String type, String body, int status) {
      return send(
          HttpRequest.newBuilder(base.resolve(path))
              .header("Content-Type", type)
              .header("Authorization", "Bearer " + System.getenv("PAYDESK_API_KEY"))
              .POST(HttpRequest.BodyPublishers.ofString(body)),
          status);
    }

    private String get(String path, String authorization) {
      return send(
          HttpRequest.newBuilder(base.resolve(path))
              .header(
                  "Authorization",
                  authorization != null ? authorization : "Bearer " + System.getenv("PAYDESK_API_KEY"))
              .GET(),
          200);
    }

    private String send(HttpRequest.Builder request, int status) {
      try {
        HttpResponse<String> answer =
            http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != status) {
          throw new IllegalStateException(answer.statusCode() + " " + answer.body());
        }
        return answer.body();
      } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String timed(
        Map<Op, List<Long>> latencies, Op op, java.util.function.Supplier<String> call) {
      long t0 = System.nanoTime();
      String answer = call.get();
      latencies.get(op).add(System.nanoTime() - t0);
      return answer;
    }
  }

  static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
