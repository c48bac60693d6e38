package io.paydesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.it.browser.StaffAccounts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trust boundary on the real stack: only WeChat's notify URLs answer callers without
 * credentials; API clients are created, rotated and revoked by administrators and allowed only what
 * their scopes say; every operation of the OpenAPI document is walked without credentials, with a
 * caller lacking the right, and with the right one.
 */
@ExtendWith(ArquillianExtension.class)
class TrustBoundaryOnH2IT {

  /** The shop API's operations and the scope each needs; every other operation is staff's. */
  static final Map<String, String> SCOPES =
      Map.of(
          "POST /api/orders", "orders:write",
          "GET /api/orders/{orderNo}", "orders:read",
          "POST /api/orders/{orderNo}/payment", "payments:write",
          "POST /api/orders/{orderNo}/shipment", "shipments:write",
          "POST /api/orders/{orderNo}/refunds", "refunds:request",
          "GET /api/orders/{orderNo}/refunds", "refunds:read",
          "GET /api/refunds/{outRefundNo}", "refunds:read");

  static final Set<String> OPEN =
      Set.of(
          "POST /api/wechat/notify/pay",
          "POST /api/wechat/notify/refund",
          "POST /api/wechat/notify/pay/{mchId}",
          "POST /api/wechat/notify/refund/{mchId}");

  /** WeChat's API v3 notify URLs: open too, answering a stranger 4xx with {"code":"FAIL"}. */
  static final Set<String> OPEN_V3 =
      Set.of(
          "POST /api/wechat/v3/notify/pay",
          "POST /api/wechat/v3/notify/refund",
          "POST /api/wechat/v3/notify/pay/{mchId}",
          "POST /api/wechat/v3/notify/refund/{mchId}");

  static final List<String> ALL_SCOPES =
      List.of(
          "orders:write",
          "orders:read",
          "payments:write",
          "shipments:write",
          "refunds:request",
          "refunds:read");

  @Deployment(testable = false)
  static WebArchive deployment() {
    // limits low enough to reach in a test, over a window no test outlasts; the tests' client may
    // stand in for a reverse proxy (X-Forwarded-For, X-Forwarded-Proto), so it speaks for several
    // addresses
    return Deployments.paydesk(
        Deployments.Database.H2,
        Map.of(
            "paydesk.security.trusted-proxies", "127.0.0.1",
            "paydesk.security.rate-limit.window", "PT10M",
            "paydesk.security.rate-limit.login.per-account", "4",
            "paydesk.security.rate-limit.login.per-address", "8",
            "paydesk.security.rate-limit.api-key.per-key", "4",
            "paydesk.security.rate-limit.api-key.per-address", "8"));
  }

  /** A client whose requests a trusted proxy forwards for {@code address}. */
  private Http from(String address) {
    return new Http(url).withHeader("X-Forwarded-For", "192.0.2.1, " + address);
  }

  @Test
  void failedLoginsAreLimitedPerAccountAndPerAddressAndAnsweredWith429() {
    String victim = "rl." + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 4; i++) {
      assertThat(from("198.18.0.1").as(victim, "wrong").get("api/staff/clients").status())
          .isEqualTo(401);
    }
    Http.Answer refused = from("198.18.0.1").as(victim, "wrong").get("api/staff/clients");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().getString("code")).isEqualTo("TOO_MANY_ATTEMPTS");
    assertThat(Long.parseLong(refused.header("Retry-After").get(0))).isBetween(1L, 600L);
    // the account's limit holds from any address; other accounts from the same address go on
    assertThat(from("198.18.0.2").as(victim, "wrong").get("api/staff/clients").status())
        .isEqualTo(429);
    assertThat(from("198.18.0.1").as("rl.other", "wrong").get("api/staff/clients").status())
        .isEqualTo(401);
    assertThat(
            from("198.18.0.1")
                .as("admin", Deployments.ADMIN_PASSWORD)
                .get("api/staff/clients")
                .status())
        .isEqualTo(200);

    // an address that failed with many names is refused whatever it sends next, others are not
    for (int i = 0; i < 8; i++) {
      assertThat(from("198.18.0.3").as("rl.spray" + i, "wrong").get("api/staff/clients").status())
          .isEqualTo(401);
    }
    Http.Answer sprayed =
        from("198.18.0.3").as("admin", Deployments.ADMIN_PASSWORD).get("api/staff/clients");
    assertThat(sprayed.status()).isEqualTo(429);
    assertThat(sprayed.header("Retry-After")).hasSize(1);
    assertThat(
            from("198.18.0.4")
                .as("admin", Deployments.ADMIN_PASSWORD)
                .get("api/staff/clients")
                .status())
        .isEqualTo(200);
  }

  @Test
  void callsWithoutCredentialsAreAuditedOncePerAddressAndWindow() {
    String address = "198.18.2." + (1 + new java.util.Random().nextInt(250));
    for (String path : List.of("api/orders/NOPE1", "api/staff/clients", "api/refunds/NOPE2")) {
      assertThat(from(address).anonymous().get(path).status()).isEqualTo(401);
    }
    String audit =
        new Console(url, "admin", Deployments.ADMIN_PASSWORD).get("admin/audit.xhtml").text();
    // the first refusal is in the trail with the caller's address; the next two are not
    assertThat(audit).contains("/api/orders/NOPE1").doesNotContain("NOPE2");
    assertThat(audit.split(java.util.regex.Pattern.quote(address), -1)).hasSize(2);
  }

  @Test
  void failedApiKeysAreLimitedPerKeyAndPerAddressAndAnsweredWith429() {
    String key = client(List.of("orders:read"));
    String keyId = key.split("\\.")[1];
    String forged = "pdk." + keyId + "." + "A".repeat(43);
    String orderNo = "RL" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    for (int i = 0; i < 4; i++) {
      assertThat(from("198.18.1.1").withKey(forged).get("api/orders/" + orderNo).status())
          .isEqualTo(401);
    }
    Http.Answer refused = from("198.18.1.1").withKey(forged).get("api/orders/" + orderNo);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(Long.parseLong(refused.header("Retry-After").get(0))).isBetween(1L, 600L);
    // forgeries of a key id never lock out its holder, nor other keys from that address
    assertThat(from("198.18.1.1").withKey(key).get("api/orders/" + orderNo).status())
        .isEqualTo(404);
    assertThat(
            from("198.18.1.1")
                .withKey("pdk.0123456789abcdef." + "B".repeat(43))
                .get("api/orders/" + orderNo)
                .status())
        .isEqualTo(401);

    // an address that tried many keys is refused whatever it sends next, others are not
    for (int i = 0; i < 8; i++) {
      String guess = "pdk." + String.format("%016x", i + 1) + "." + "C".repeat(43);
      assertThat(from("198.18.1.2").withKey(guess).get("api/orders/" + orderNo).status())
          .isEqualTo(401);
    }
    Http.Answer flooded = from("198.18.1.2").withKey(key).get("api/orders/" + orderNo);
    assertThat(flooded.status()).isEqualTo(429);
    assertThat(flooded.header("Retry-After")).hasSize(1);
    assertThat(from("198.18.1.3").withKey(key).get("api/orders/" + orderNo).status())
        .isEqualTo(404);
    // without a trusted proxy's word the peer's own address counts: the test's own calls pass
    assertThat(new Http(url).withKey(key).get("api/orders/" + orderNo).status()).isEqualTo(404);
  }

  @Test
  void consolePagesCarryTheBrowsersSecurityHeadersAndASameSiteSessionCookie() {
    Http.Answer login = new Http(url).anonymous().get("admin/login.xhtml");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.header("Set-Cookie"))
        .anySatisfy(
            cookie ->
                assertThat(cookie)
                    .startsWith("JSESSIONID=")
                    .contains("HttpOnly")
                    .containsIgnoringCase("SameSite=Lax")
                    .doesNotContainIgnoringCase("Secure"));
    assertThat(login.header("Content-Security-Policy"))
        .singleElement()
        .satisfies(
            policy ->
                assertThat(policy)
                    .contains("default-src 'self'")
                    .contains("frame-ancestors 'self'")
                    .contains("object-src 'none'")
                    .containsPattern("script-src 'self' 'nonce-[A-Za-z0-9+/=_-]{16,}'"));
    assertThat(login.header("X-Content-Type-Options")).containsExactly("nosniff");
    assertThat(login.header("X-Frame-Options")).containsExactly("SAMEORIGIN");
    assertThat(login.header("Referrer-Policy")).containsExactly("same-origin");
    // plain HTTP: no HSTS (a browser would ignore it, and it must not stick to an http origin)
    assertThat(login.header("Strict-Transport-Security")).isEmpty();
    // a trusted proxy that terminated TLS says so: HSTS
    assertThat(
            new Http(url)
                .anonymous()
                .withHeader("X-Forwarded-Proto", "https")
                .get("admin/login.xhtml")
                .header("Strict-Transport-Security"))
        .containsExactly("max-age=31536000");
    // each page its own nonce
    assertThat(new Http(url).anonymous().get("admin/login.xhtml").header("Content-Security-Policy"))
        .isNotEqualTo(login.header("Content-Security-Policy"));
    Http.Answer api = new Http(url).get("api/orders/x");
    assertThat(api.header("Content-Security-Policy"))
        .containsExactly("default-src 'none'; frame-ancestors 'none'");
  }

  @ArquillianResource URL url;

  private Http admin() {
    return new Http(url).as("admin", Deployments.ADMIN_PASSWORD);
  }

  /** Creates a client with these scopes and answers its key. */
  private String client(List<String> scopes) {
    String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
    var scopeArray = Json.createArrayBuilder();
    scopes.forEach(scopeArray::add);
    Http.Answer created =
        admin()
            .postJson(
                "api/staff/clients",
                Json.createObjectBuilder()
                    .add("name", name)
                    .add("scopes", scopeArray)
                    .build()
                    .toString());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("key");
  }

  @Test
  void everyOperationRefusesStrangersAndCallersWithoutTheRightAndAdmitsTheRightOne() {
    Http.Answer document = new Http(url).anonymous().getAccepting("/openapi", "application/json");
    assertThat(document.status()).isEqualTo(200);
    JsonObject paths =
        Json.createReader(new StringReader(document.body())).readObject().getJsonObject("paths");
    String staffUser = "all." + UUID.randomUUID().toString().substring(0, 8);
    StaffAccounts.ensure(url, staffUser, "SUPPORT", "FINANCE", "ADMIN");
    Http staff = new Http(url).as(staffUser, StaffAccounts.PASSWORD);
    Http scopeless = new Http(url).withKey(client(List.of("orders:read")));
    List<String> walked = new ArrayList<>();
    for (String path : paths.keySet()) {
      for (String method : paths.getJsonObject(path).keySet()) {
        String operation = method.toUpperCase() + " " + path;
        String concrete = path.substring(1).replaceAll("\\{[^}]+}", "X-" + UUID.randomUUID());
        String body =
            "POST".equals(method.toUpperCase()) || "PUT".equals(method.toUpperCase()) ? "{}" : null;
        walked.add(operation);
        Http.Answer anonymous =
            new Http(url).anonymous().call(method.toUpperCase(), concrete, body);
        if (OPEN.contains(operation)) {
          assertThat(anonymous.status()).as(operation).isEqualTo(200);
          assertThat(anonymous.body()).as(operation).contains("FAIL");
          continue;
        }
        if (OPEN_V3.contains(operation)) {
          assertThat(anonymous.status()).as(operation).isBetween(400, 499);
          assertThat(anonymous.body()).as(operation).contains("\"code\":\"FAIL\"");
          continue;
        }
        assertThat(anonymous.status()).as(operation).isEqualTo(401);
        assertThat(anonymous.contentType()).as(operation).startsWith("application/problem+json");
        String scope = SCOPES.get(operation);
        if (scope == null) { // staff's: an API client is refused, a member of staff admitted
          assertThat(scopeless.call(method.toUpperCase(), concrete, body).status())
              .as(operation)
              .isEqualTo(403);
          assertThat(staff.call(method.toUpperCase(), concrete, body).status())
              .as(operation)
              .isNotIn(401, 403);
          continue;
        }
        List<String> allButOne = new ArrayList<>(ALL_SCOPES);
        allButOne.remove(scope);
        Http.Answer lacking =
            new Http(url).withKey(client(allButOne)).call(method.toUpperCase(), concrete, body);
        assertThat(lacking.status()).as(operation).isEqualTo(403);
        assertThat(lacking.json().getString("code")).as(operation).isEqualTo("FORBIDDEN");
        assertThat(lacking.json().getString("detail")).as(operation).contains(scope);
        assertThat(
                new Http(url)
                    .withKey(client(List.of(scope)))
                    .call(method.toUpperCase(), concrete, body)
                    .status())
            .as(operation)
            .isNotIn(401, 403);
        // staff do not use the shop API
        assertThat(staff.call(method.toUpperCase(), concrete, body).status())
            .as(operation)
            .isEqualTo(403);
      }
    }
    assertThat(walked).containsAll(SCOPES.keySet()).containsAll(OPEN).containsAll(OPEN_V3);
  }

  @Test
  void aKeyIsShownOnceRotatesWithTwoValidKeysAndIsRevoked() {
    String name = "it-rot-" + UUID.randomUUID().toString().substring(0, 8);
    Http.Answer created =
        admin()
            .postJson(
                "api/staff/clients",
                "{\"name\":\"" + name + "\",\"scopes\":[\"orders:read\",\"orders:write\"]}");
    assertThat(created.status()).isEqualTo(201);
    String first = created.json().getString("key");
    String firstId = created.json().getString("keyId");
    assertThat(first).startsWith("pdk." + firstId + ".");
    String secret = first.substring(first.lastIndexOf('.') + 1);
    Http.Answer listed = admin().get("api/staff/clients/" + name);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).contains(firstId).doesNotContain(secret);
    String orderNo = "TB" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    assertThat(
            new Http(url).withKey(first).postJson("api/orders", Http.order(orderNo, 100)).status())
        .isEqualTo(201);
    // the order's history names the client that created it
    assertThat(new Http(url).withKey(first).get("api/orders/" + orderNo).body())
        .contains("client:" + name);

    Http.Answer rotated = admin().postJson("api/staff/clients/" + name + "/keys", "{}");
    assertThat(rotated.status()).isEqualTo(201);
    String second = rotated.json().getString("key");
    assertThat(second).isNotEqualTo(first);
    assertThat(new Http(url).withKey(first).get("api/orders/" + orderNo).status()).isEqualTo(200);
    assertThat(new Http(url).withKey(second).get("api/orders/" + orderNo).status()).isEqualTo(200);

    assertThat(admin().delete("api/staff/clients/" + name + "/keys/" + firstId).status())
        .isEqualTo(200);
    assertThat(new Http(url).withKey(first).get("api/orders/" + orderNo).status()).isEqualTo(401);
    assertThat(new Http(url).withKey(second).get("api/orders/" + orderNo).status()).isEqualTo(200);

    // a forged secret under a real key id is refused like an unknown key
    String forged = second.substring(0, second.lastIndexOf('.') + 1) + secret;
    assertThat(new Http(url).withKey(forged).get("api/orders/" + orderNo).status()).isEqualTo(401);

    assertThat(admin().delete("api/staff/clients/" + name).status()).isEqualTo(200);
    assertThat(new Http(url).withKey(second).get("api/orders/" + orderNo).status()).isEqualTo(401);
    assertThat(admin().postJson("api/staff/clients/" + name + "/keys", "{}").status())
        .isEqualTo(409);
  }

  @Test
  void onlyAdministratorsManageClientsAndBadRequestsAreProblems() {
    String support = "sup." + UUID.randomUUID().toString().substring(0, 8);
    StaffAccounts.ensure(url, support, "SUPPORT");
    Http supportStaff = new Http(url).as(support, StaffAccounts.PASSWORD);
    assertThat(supportStaff.get("api/staff/clients").status()).isEqualTo(403);
    Http.Answer unknownScope =
        admin().postJson("api/staff/clients", "{\"name\":\"it-bad\",\"scopes\":[\"orders:all\"]}");
    assertThat(unknownScope.status()).isEqualTo(400);
    assertThat(unknownScope.contentType()).startsWith("application/problem+json");
    assertThat(
            admin()
                .postJson("api/staff/clients", "{\"name\":\"X Y\",\"scopes\":[\"orders:read\"]}")
                .status())
        .isEqualTo(400);
    assertThat(new Http(url).withKey("pdk.not-a-key").get("api/orders/x").status()).isEqualTo(401);
    assertThat(new Http(url).anonymous().get("/health/ready").status()).isEqualTo(200);
    // unknown fields and oversized bodies are refused with problems and create nothing
    String orderNo = "TB" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    String withUnknown =
        Http.order(orderNo, 100).replace("\"amount\"", "\"status\":\"PAID\",\"amount\"");
    Http.Answer unknown = new Http(url).postJson("api/orders", withUnknown);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    String huge = Http.order(orderNo, 100).replace("PayDesk test order", "x".repeat(70 * 1024));
    Http.Answer tooLarge = new Http(url).postJson("api/orders", huge);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.contentType()).startsWith("application/problem+json");
    assertThat(new Http(url).get("api/orders/" + orderNo).status()).isEqualTo(404);
    Http.Answer login = new Http(url).anonymous().get("admin/login.xhtml");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.header("Set-Cookie"))
        .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly"));
  }
}
