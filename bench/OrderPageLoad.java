import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's order-list page as a browser uses it, against a running PayDesk whose database
 * holds the benchmark's orders (run by {@code bench/orders.sh --page}).
 *
 * <p>Creates a SUPPORT user through the staff API (HTTP Basic, the first administrator), logs in
 * through the form like a browser (GET /admin/login.xhtml, POST with the view state and the
 * session cookie), then times what a user's clicks do on /admin/orders/index.xhtml: opening the
 * page (GET), "Search" with the typical filters and "Next ›" (full-page form POSTs with the view
 * state; the page's buttons are not Ajax). Each case: 30 warm-up requests, then 300 timed; the
 * time is from sending the request to the last byte of the response body over loopback. Every
 * response is checked (200, a view state, no error message, the rows expected).
 *
 * <p>Arguments: base URL, admin password, orders in the table, buyers (distinct openids).
 */
public class OrderPageLoad {

  static final int RUNS = 300;
  static final int WARM_UP = 30;
  static final String PAGE = "admin/orders/index.xhtml";
  static final LocalDate FIRST_DAY = LocalDate.parse("2025-11-29");
  static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");
  static final Pattern ROW = Pattern.compile("class=\"order-link\"");

  final HttpClient http;
  final String base;
  String viewState;
  long bytes;

  OrderPageLoad(String base) {
    this.base = base;
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  public static void main(String[] args) throws Exception {
    String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
    String adminPassword = args[1];
    long orders = Long.parseLong(args[2]);
    long buyers = Long.parseLong(args[3]);
    OrderPageLoad browser = new OrderPageLoad(base);
    String password = "bench-support-" + Long.toHexString(new Random().nextLong());
    browser.createSupportUser(adminPassword, "bench-support", password);
    browser.login("bench-support", password);

    // JIT and caches: the list opened and paged a few hundred times before any case
    for (int i = 0; i < 300; i++) {
      browser.open();
      browser.click("next", Map.of());
    }
    System.out.println("load average before: " + loadAverage());
    Function<Random, String> day = r -> FIRST_DAY.plusDays(r.nextInt(364)).toString();

    browser.measure("open the list (GET, first page, no filter)", r -> browser.open(), 50);
    browser.walk("Next: pages 2-301, no filter", Map.of());
    browser.search("Search: status PAID (about half)", r -> filters("status", "PAID"), 50);
    browser.search(
        "Search: status REFUNDED (2%) + one random day",
        r -> {
          String d = day.apply(r);
          return filters("status", "REFUNDED", "from", d, "to", d);
        },
        -1);
    browser.walk("Next: status SHIPPED, pages 2-301", filters("status", "SHIPPED"));
    browser.search(
        "Search: one random day",
        r -> {
          String d = day.apply(r);
          return filters("from", d, "to", d);
        },
        50);
    browser.search(
        "Search: one random week + status CLOSED",
        r -> {
          LocalDate d = LocalDate.parse(day.apply(r));
          return filters("status", "CLOSED", "from", d.toString(), "to", d.plusDays(6).toString());
        },
        -1);
    browser.search(
        "Search: openid of a random buyer",
        r -> filters("openid", "o-buyer-" + r.nextInt((int) buyers)),
        -1);
    browser.search(
        "Search: out_trade_no of a random attempt",
        r -> filters("outTradeNo", "PD" + (1 + r.nextInt((int) orders))),
        -1);
    browser.search(
        "Search: order number of a random order",
        r -> filters("orderNo", "SO" + (1 + r.nextInt((int) orders))),
        1);
    browser.search(
        "Search: amount 100-200 yuan (about 10%)", r -> filters("minYuan", "100", "maxYuan", "200"), 50);
    browser.search(
        "Search: amount 100-200 yuan + one random day",
        r -> {
          String d = day.apply(r);
          return filters("minYuan", "100", "maxYuan", "200", "from", d, "to", d);
        },
        -1);
    browser.search(
        "Search: exact amount 123.45 yuan (about 10 orders)",
        r -> filters("minYuan", "123.45", "maxYuan", "123.45"),
        -1);
    System.out.println("load average after: " + loadAverage());
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  static Map<String, String> filters(String... nameValue) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      m.put(nameValue[i], nameValue[i + 1]);
    }
    return m;
  }

  // ------------------------------------------------------------------------------------------
  // the browser's requests

  void createSupportUser(String adminPassword, String username, String password) throws Exception {
    String json =
        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":[\"SUPPORT\"]}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "api/staff/users"))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("creating the SUPPORT user: " + r.statusCode() + " " + r.body());
    }
  }

  void login(String username, String password) throws Exception {
    HttpResponse<String> form = get("admin/login.xhtml");
    String state = viewState(form);
    HttpResponse<String> r =
        post(
            "admin/login.xhtml",
            formBody(
                Map.of(
                    "login", "login",
                    "username", username,
                    "password", password,
                    "submit", "submit",
                    "jakarta.faces.ViewState", state)));
    if (r.statusCode() != 302 && r.statusCode() != 303) {
      throw new IllegalStateException("login: " + r.statusCode() + " " + snippet(r.body()));
    }
    System.out.println("logged in as " + username + " (SUPPORT), redirected to "
        + r.headers().firstValue("Location").orElse("?"));
  }

  /** GET of the list: a new view, its first page; keeps the view state for the clicks. */
  int open() throws Exception {
    HttpResponse<String> r = get(PAGE);
    viewState = viewState(r);
    return rows(r);
  }

  /** A click on one of the form's buttons, with the filters the form holds. */
  int click(String button, Map<String, String> filters) throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("orders", "orders");
    for (String f : new String[] {"status", "from", "to", "orderNo", "outTradeNo", "openid", "minYuan", "maxYuan"}) {
      fields.put("orders:" + f, filters.getOrDefault(f, ""));
    }
    fields.put("orders:" + button, "orders:" + button);
    fields.put("jakarta.faces.ViewState", viewState);
    HttpResponse<String> r = post(PAGE, formBody(fields));
    viewState = viewState(r);
    return rows(r);
  }

  HttpResponse<String> get(String path) throws Exception {
    return check(
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return check(
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  static HttpResponse<String> check(HttpResponse<String> r) {
    if (r.statusCode() >= 400 || (r.statusCode() == 200 && r.body().contains("ui-messages-error"))) {
      throw new IllegalStateException(r.uri() + ": " + r.statusCode() + " " + snippet(r.body()));
    }
    return r;
  }

  static String viewState(HttpResponse<String> r) {
    Matcher m = VIEW_STATE.matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException(r.uri() + ": no view state (" + r.statusCode() + ") " + snippet(r.body()));
    }
    return m.group(1);
  }

  int rows(HttpResponse<String> r) {
    bytes += r.body().getBytes(StandardCharsets.UTF_8).length;
    Matcher m = ROW.matcher(r.body());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  static String formBody(Map<String, String> fields) {
    StringBuilder b = new StringBuilder();
    fields.forEach(
        (k, v) -> {
          if (b.length() > 0) {
            b.append('&');
          }
          b.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return b.toString();
  }

  static String snippet(String body) {
    String s = body.replaceAll("\\s+", " ");
    return s.length() > 600 ? s.substring(0, 600) + "…" : s;
  }

  // ------------------------------------------------------------------------------------------
  // measuring

  interface Step {
    int run(Random r) throws Exception;
  }

  /** Times {@code step}; {@code rowsEach}: the rows every response must show (-1: any). */
  void measure(String name, Step step, int rowsEach) throws Exception {
    Random random = new Random(name.hashCode());
    for (int i = 0; i < WARM_UP; i++) {
      step.run(random);
    }
    long[] nanos = new long[RUNS];
    long rows = 0;
    bytes = 0;
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      int n = step.run(random);
      nanos[i] = System.nanoTime() - t0;
      if (rowsEach >= 0 && n != rowsEach) {
        throw new IllegalStateException(name + ": " + n + " rows, expected " + rowsEach);
      }
      rows += n;
    }
    report(
        String.format("%s (%.1f rows, %.0f kB)", name, (double) rows / RUNS, bytes / 1024.0 / RUNS),
        nanos);
  }

  /** Searches on one view (opened first), as a user changing the filters and clicking Search. */
  void search(String name, Function<Random, Map<String, String>> filters, int rowsEach)
      throws Exception {
    open();
    measure(name, r -> click("search", filters.apply(r)), rowsEach);
  }

  /** A search, then "Next ›" page after page on the same view: warm-up pages, then RUNS timed. */
  void walk(String name, Map<String, String> filters) throws Exception {
    open();
    click("search", filters);
    for (int i = 0; i < WARM_UP; i++) {
      click("next", filters);
    }
    long[] nanos = new long[RUNS];
    bytes = 0;
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      int n = click("next", filters);
      nanos[i] = System.nanoTime() - t0;
      if (n != 50) {
        throw new IllegalStateException(name + ": " + n + " rows on a next page");
      }
    }
    report(
        String.format(
            "%s (50 rows, %.0f kB)",
            name.replace("2-301", (WARM_UP + 2) + "-" + (WARM_UP + RUNS + 1)),
            bytes / 1024.0 / RUNS),
        nanos);
  }

  static void report(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "RESULT page %-70s p50=%7.2f ms  p95=%7.2f ms  max=%7.2f ms  n=%d%n",
        name,
        sorted[(int) (sorted.length * 0.50)] / 1e6,
        sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.95))] / 1e6,
        sorted[sorted.length - 1] / 1e6,
        sorted.length);
  }
}
