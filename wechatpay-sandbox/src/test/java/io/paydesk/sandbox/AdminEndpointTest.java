package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.client.WeChatPayClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The buyer and admin endpoints over HTTP, as curl would call them. */
class AdminEndpointTest {
  static SandboxServer sandbox;
  static WeChatPayClient a;
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    sandbox = sandbox().build().start();
    a = clientA(sandbox);
    http = https(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String place() {
    String no = outTradeNo();
    a.unifiedOrder(order(no, 500, "https://shop.example.com/n")).orElseThrow();
    return no;
  }

  @Test
  void theBuyerPaysWithAFormAndFailsWithJson() throws Exception {
    String paid = place();
    HttpResponse<String> r =
        post(
            "/sandbox/buyer/pay",
            "application/x-www-form-urlencoded",
            "prepay_id=" + sandbox.prepayId(MCH_A, paid) + "&bank_type=ICBC_DEBIT");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"trade_state\":\"SUCCESS\"")
        .contains("\"bank_type\":\"ICBC_DEBIT\"");
    assertThat(a.queryOrder(paid).orElseThrow().tradeState()).isEqualTo(TradeState.SUCCESS);

    String failed = place();
    r =
        post(
            "/sandbox/buyer/fail",
            "application/json",
            "{\"prepay_id\": \"" + sandbox.prepayId(MCH_A, failed) + "\"}");
    assertThat(r.body()).contains("\"trade_state\":\"PAYERROR\"");
    r =
        post(
            "/sandbox/buyer/abandon",
            "application/json",
            "{\"prepay_id\": \"" + sandbox.prepayId(MCH_A, place()) + "\"}");
    assertThat(r.body()).contains("\"trade_state\":\"NOTPAY\"");
  }

  @Test
  void buyerErrorsAreJsonWithAStatus() throws Exception {
    assertThat(
            post("/sandbox/buyer/pay", "application/x-www-form-urlencoded", "prepay_id=nope")
                .statusCode())
        .isEqualTo(400);
    String paid = place();
    sandbox.pay(sandbox.prepayId(MCH_A, paid));
    HttpResponse<String> again =
        post(
            "/sandbox/buyer/pay",
            "application/x-www-form-urlencoded",
            "prepay_id=" + sandbox.prepayId(MCH_A, paid));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("\"error\"");
    assertThat(get("/sandbox/buyer/pay").statusCode()).isEqualTo(400);
    assertThat(get("/sandbox/admin/nothing").statusCode()).isEqualTo(404);
    assertThat(
            post("/sandbox/admin/faults", "application/json", "{\"system_error_rate\": [1]}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void thePageListsOrdersWithPayButtonsAndAPagePaymentRedirectsBack() throws Exception {
    String no = place();
    HttpResponse<String> page = get("/sandbox/");
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body())
        .contains(no)
        .contains("action=\"/sandbox/buyer/pay\"")
        .contains("T恤,白色");
    HttpResponse<String> r =
        post(
            "/sandbox/buyer/pay",
            "application/x-www-form-urlencoded",
            "prepay_id=" + sandbox.prepayId(MCH_A, no) + "&from=page");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/sandbox/");
  }

  @Test
  void faultsAreSetAndReadAndResetOverHttp() throws Exception {
    try {
      HttpResponse<String> r =
          post(
              "/sandbox/admin/faults",
              "application/json",
              "{\"system_error_rate\": 1, \"latency_ms\": 5, \"notify_drop_rate\": 0.5, \"secapi_down_ms\": 60000}");
      assertThat(r.body())
          .contains("\"system_error_rate\":1.0")
          .contains("\"latency_ms\":5")
          .contains("\"notify_drop_rate\":0.5");
      assertThat(r.body()).doesNotContain("\"secapi_down_until\":null");
      UnifiedOrderTest.assertErr(a.queryOrder("X"), "SYSTEMERROR");
      r =
          post(
              "/sandbox/admin/faults",
              "application/x-www-form-urlencoded",
              "reset=true&notify_duplicate_rate=0.25");
      assertThat(r.body())
          .contains("\"system_error_rate\":0.0")
          .contains("\"notify_duplicate_rate\":0.25")
          .contains("\"secapi_down_until\":null");
      assertThat(get("/sandbox/admin/faults").body()).contains("\"notify_duplicate_rate\":0.25");
    } finally {
      sandbox.faults().reset();
    }
  }

  @Test
  void balancesAndRefundOutcomesAreSetOverHttp() throws Exception {
    HttpResponse<String> r =
        post(
            "/sandbox/admin/balance",
            "application/x-www-form-urlencoded",
            "mch_id=" + MCH_B + "&unsettled_fen=5&available_fen=7");
    assertThat(r.body()).contains("\"unsettled_fen\":5").contains("\"available_fen\":7");
    assertThat(sandbox.balance(MCH_B)).containsExactly(5L, 7L);
    assertThat(get("/sandbox/admin/merchants").body())
        .contains("\"mch_id\":\"" + MCH_B + "\"")
        .doesNotContain(KEY_B);
    assertThat(
            post(
                    "/sandbox/admin/refund-outcome",
                    "application/json",
                    "{\"out_refund_no\": \"RX1\", \"outcome\": \"CHANGE\"}")
                .body())
        .contains("\"outcome\":\"CHANGE\"");
    assertThat(
            post(
                    "/sandbox/admin/refund-outcome",
                    "application/json",
                    "{\"mch_id\": \""
                        + MCH_B
                        + "\", \"min_fee\": 100, \"max_fee\": 200, \"outcome\": \"REFUNDCLOSE\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            post(
                    "/sandbox/admin/refund-outcome",
                    "application/json",
                    "{\"mch_id\": \"" + MCH_B + "\", \"outcome\": \"MAYBE\"}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void ordersAndTheCallLogAreReadable() throws Exception {
    String no = place();
    assertThat(get("/sandbox/admin/orders?mch_id=" + MCH_A).body())
        .contains("\"out_trade_no\":\"" + no + "\"");
    assertThat(get("/sandbox/admin/orders?mch_id=" + MCH_B).body()).doesNotContain(no);
    String log = get("/sandbox/admin/log?limit=1000").body();
    assertThat(log).contains("\"target\":\"/pay/unifiedorder\"").contains("outTradeNo=" + no);
    assertThat(log).doesNotContain(KEY_A);
  }

  @Test
  void theControlEndpointsNeverAnswerOnPlainHttp() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                plain.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:" + sandbox.port() + "/sandbox/admin/faults"))
                        .timeout(Duration.ofSeconds(3))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }
}
