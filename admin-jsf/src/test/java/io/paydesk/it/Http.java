package io.paydesk.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for black-box tests against the deployed application. */
public final class Http {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI app;
  private final String authorization;
  private final java.util.Map<String, String> extraHeaders;

  /**
   * A client that authenticates as the test deployments' API client ({@link TestApiKey#VALUE},
   * every scope), as the shop's backend would.
   *
   * @param deployment the URL Arquillian gives for the deployment
   */
  public Http(URL deployment) {
    this(toUri(deployment), "Bearer " + TestApiKey.VALUE);
  }

  private Http(URI app, String authorization) {
    this(app, authorization, java.util.Map.of());
  }

  private Http(URI app, String authorization, java.util.Map<String, String> extraHeaders) {
    this.app = app;
    this.authorization = authorization;
    this.extraHeaders = extraHeaders;
  }

  /** The same client without any credentials (as WeChat, or an attacker, calls). */
  public Http anonymous() {
    return new Http(app, null, extraHeaders);
  }

  /** The same client, authenticating with another API key. */
  public Http withKey(String apiKey) {
    return new Http(app, "Bearer " + apiKey, extraHeaders);
  }

  /** The same client, sending one more header on every request (e.g. a proxy's X-Forwarded-For). */
  public Http withHeader(String name, String value) {
    var headers = new java.util.HashMap<>(extraHeaders);
    headers.put(name, value);
    return new Http(app, authorization, java.util.Map.copyOf(headers));
  }

  /** The same client, logged in as a member of staff (HTTP Basic). */
  public Http as(String user, String password) {
    String token =
        java.util.Base64.getEncoder()
            .encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new Http(app, "Basic " + token, extraHeaders);
  }

  private static URI toUri(URL url) {
    try {
      return url.toURI();
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Answer with its status, content type, body and Location header ("" when none). */
  public record Answer(
      int status,
      String contentType,
      String body,
      String location,
      java.util.Map<String, java.util.List<String>> headers) {
    /** Every value of a response header (names are case-insensitive). */
    public java.util.List<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .toList();
    }

    public JsonObject json() {
      return Json.createReader(new StringReader(body)).readObject();
    }
  }

  /**
   * {@code path} relative to the application ("api/orders"), or from the server root when it starts
   * with a slash ("/health/ready").
   */
  public Answer get(String path) {
    return send(HttpRequest.newBuilder(app.resolve(path)).GET());
  }

  public Answer postJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(app.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer postXml(String path, String xml) {
    return send(
        HttpRequest.newBuilder(app.resolve(path))
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(xml)));
  }

  /** {@code path} with an Accept header ("/openapi" as JSON). */
  public Answer getAccepting(String path, String accept) {
    return send(HttpRequest.newBuilder(app.resolve(path)).header("Accept", accept).GET());
  }

  /** Any method; a JSON body when {@code json} is not null. */
  public Answer call(String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(app.resolve(path));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return send(
        request.method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer putJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(app.resolve(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer delete(String path) {
    return send(HttpRequest.newBuilder(app.resolve(path)).DELETE());
  }

  public Answer post(String path) {
    return send(
        HttpRequest.newBuilder(app.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private Answer send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    extraHeaders.forEach(request::header);
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers().firstValue("Location").orElse(""),
          response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An order creation request body. */
  public static String order(String orderNo, long amount) {
    return Json.createObjectBuilder()
        .add("orderNo", orderNo)
        .add("openid", "o-test-buyer")
        .add("amount", amount)
        .add("description", "PayDesk test order")
        .build()
        .toString();
  }
}
