package io.paydesk.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A member of staff on the Faces console without a browser: one HTTP session (cookies), logged in
 * through the login form, pages read as HTML, forms posted back with their view state as a browser
 * would, and the page's live-alert socket. (The browser tests use {@code browser.Browser}.) Each
 * request names its language (Accept-Language): English unless the test chooses another.
 */
final class Console {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"");

  /** The page's CSP nonce, as PrimeFaces writes it on its scripts. */
  private static final Pattern NONCE = Pattern.compile("<script[^>]* nonce=\"([^\"]+)\"");

  private static final Pattern PUSH = Pattern.compile("faces.push.init\\('[^']*','(ws://[^']*)'");

  private final HttpClient client;
  private final URI app;
  private final String language;

  /** The last page read. */
  private Page page;

  /** A member of staff whose browser asks for English. */
  Console(URL deployment, String user, String password) {
    this(deployment, user, password, "en");
  }

  /** A member of staff whose browser asks for {@code language} ("zh-CN", "en-US,en;q=0.9"). */
  Console(URL deployment, String user, String password, String language) {
    this.language = language;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try {
      this.app = deployment.toURI();
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    if (user != null) {
      get("admin/login.xhtml");
      Page landed = submit("login", "submit", Map.of("username", user, "password", password));
      if (!landed.html().contains("id=\"current-user\"")) {
        throw new AssertionError(user + " could not log in: " + landed.text());
      }
    }
  }

  /** A page as the console answered it. */
  record Page(int status, String path, String html) {

    /** The page's text without tags, spaces collapsed. */
    String text() {
      return html.replaceAll("(?s)<script.*?</script>", " ")
          .replaceAll("<[^>]*>", " ")
          .replace("&nbsp;", " ")
          .replace("&amp;", "&")
          .replaceAll("\\s+", " ");
    }

    String viewState() {
      Matcher m = VIEW_STATE.matcher(html);
      if (!m.find()) {
        throw new AssertionError("no view state on " + path + ": " + html);
      }
      return m.group(1);
    }

    /**
     * The name of the first submit button whose name ends with {@code suffix} after {@code marker}.
     */
    String button(String marker, String suffix) {
      int from = marker == null ? 0 : html.indexOf(marker);
      if (from < 0) {
        throw new AssertionError("no " + marker + " on " + path);
      }
      Matcher m = Pattern.compile("name=\"([^\"]*" + Pattern.quote(suffix) + ")\"").matcher(html);
      if (!m.find(from)) {
        throw new AssertionError("no button " + suffix + " after " + marker + " on " + path);
      }
      return m.group(1);
    }

    /** Where form {@code id} posts to (from the server root, as the page says). */
    String action(String id) {
      Matcher m =
          Pattern.compile("<form id=\"" + Pattern.quote(id) + "\"[^>]*action=\"([^\"]*)\"")
              .matcher(html);
      if (!m.find()) {
        throw new AssertionError("no form " + id + " on " + path + ": " + text());
      }
      return m.group(1).replace("&amp;", "&");
    }

    String pushUrl() {
      Matcher m = PUSH.matcher(html);
      return m.find() ? m.group(1) : null;
    }
  }

  Page get(String path) {
    page = send(path, HttpRequest.newBuilder(app.resolve(path)).GET());
    return page;
  }

  /**
   * Posts form {@code form} of the last page with {@code fields}, pressing {@code button}, as a
   * browser would (view state included).
   */
  Page submit(String form, String button, Map<String, String> fields) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put(form, form);
    body.putAll(fields);
    body.put(button, "pressed");
    body.put("jakarta.faces.ViewState", page.viewState());
    // PrimeFaces' script sends the page's CSP nonce with every postback, and the server refuses a
    // postback of a view whose nonce differs (CspState: "CSP nonce mismatch")
    Matcher nonce = NONCE.matcher(page.html());
    if (nonce.find()) {
      body.put("primefaces.nonce", nonce.group(1));
    }
    return post(page.action(form), body);
  }

  /** A raw form post, with whatever fields the caller chose. */
  Page post(String path, Map<String, String> fields) {
    String encoded =
        fields.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    page =
        send(
            path,
            HttpRequest.newBuilder(app.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)));
    return page;
  }

  /** Opens the last page's live-alert socket; messages arrive in the returned queue. */
  BlockingQueue<String> listen() {
    String url = page.pushUrl();
    if (url == null) {
      throw new AssertionError("no live-alert socket on " + page.path());
    }
    BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    client
        .newWebSocketBuilder()
        .buildAsync(
            URI.create(url),
            new WebSocket.Listener() {
              private final StringBuilder text = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                  messages.add(text.toString());
                  text.setLength(0);
                }
                ws.request(1);
                return null;
              }
            })
        .join();
    return messages;
  }

  private Page send(String path, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(30)).header("Accept-Language", language).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Page(response.statusCode(), path, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
