package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.wechatpay.BeijingTime;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.client.CallResult;
import io.paydesk.wechatpay.client.UnifiedOrderRequest;
import io.paydesk.wechatpay.client.UnifiedOrderResponse;
import io.paydesk.wechatpay.client.WeChatPayClient;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** unifiedorder: signatures, parameters, merchants, re-sends. */
class UnifiedOrderTest {
  static final MutableClock CLOCK = new MutableClock();
  static SandboxServer sandbox;
  static WeChatPayClient a;
  static WeChatPayClient b;

  @BeforeAll
  static void start() {
    sandbox = sandbox().clock(CLOCK).build().start();
    a = clientA(sandbox);
    b = clientB(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void placesAnOrderAndSignsTheAnswerWithTheRequestsSignType() {
    // A signs with HMAC-SHA256, B with MD5: the client verifies each answer with its own type
    UnifiedOrderResponse ra =
        a.unifiedOrder(order(outTradeNo(), 100, "https://shop.example.com/n")).orElseThrow();
    UnifiedOrderResponse rb =
        b.unifiedOrder(order(outTradeNo(), 100, "https://shop.example.com/n")).orElseThrow();
    assertThat(ra.prepayId()).startsWith("wx");
    assertThat(ra.tradeType()).isEqualTo("JSAPI");
    assertThat(rb.prepayId()).isNotEqualTo(ra.prepayId());
    assertThat(new Signer(Secret.of(KEY_A)).isValid(ra.fields(), SignType.HMAC_SHA256)).isTrue();
    assertThat(new Signer(Secret.of(KEY_B)).isValid(rb.fields(), SignType.MD5)).isTrue();
  }

  @Test
  void theSameParametersGetTheSamePrepayIdWhileValidAndANewOneAfterTwoHours() {
    UnifiedOrderRequest request = order(outTradeNo(), 250, "https://shop.example.com/n");
    String first = a.unifiedOrder(request).orElseThrow().prepayId();
    assertThat(a.unifiedOrder(request).orElseThrow().prepayId()).isEqualTo(first);
    CLOCK.advance(Duration.ofHours(2).plusSeconds(1));
    String renewed = a.unifiedOrder(request).orElseThrow().prepayId();
    assertThat(renewed).isNotEqualTo(first);
    assertThat(sandbox.prepayId(MCH_A, request.outTradeNo())).isEqualTo(renewed);
  }

  @Test
  void differentParametersForAUsedOutTradeNoAreOutTradeNoUsed() {
    String no = outTradeNo();
    a.unifiedOrder(order(no, 100, "https://shop.example.com/n")).orElseThrow();
    assertErr(a.unifiedOrder(order(no, 101, "https://shop.example.com/n")), "OUT_TRADE_NO_USED");
  }

  @Test
  void theSameOutTradeNoAtAnotherMerchantIsAnotherOrder() {
    String no = outTradeNo();
    a.unifiedOrder(order(no, 100, "https://shop.example.com/n")).orElseThrow();
    assertThat(b.unifiedOrder(order(no, 999, "https://shop.example.com/n")).kind())
        .isEqualTo(CallResult.Kind.SUCCESS);
  }

  @Test
  void aPaidOrderIsOrderpaidAndAClosedOneOrderclosed() {
    UnifiedOrderRequest paid = order(outTradeNo(), 100, "https://shop.example.com/n");
    sandbox.pay(a.unifiedOrder(paid).orElseThrow().prepayId());
    assertErr(a.unifiedOrder(paid), "ORDERPAID");
    UnifiedOrderRequest closed = order(outTradeNo(), 100, "https://shop.example.com/n");
    a.unifiedOrder(closed).orElseThrow();
    CLOCK.advance(Duration.ofMinutes(6));
    a.closeOrder(closed.outTradeNo()).orElseThrow();
    assertErr(a.unifiedOrder(closed), "ORDERCLOSED");
  }

  @Test
  void aWrongKeyIsASignatureErrorWithReturnCodeFail() {
    WeChatPayClient wrongKey =
        client(sandbox, clientMerchant(APP_A, MCH_A, KEY_B, SignType.MD5), null);
    CallResult<UnifiedOrderResponse> r =
        wrongKey.unifiedOrder(order(outTradeNo(), 100, "https://shop.example.com/n"));
    assertThat(r).isInstanceOf(CallResult.CommunicationFailure.class);
    assertThat(((CallResult.CommunicationFailure<?>) r).returnMsg()).isEqualTo("签名错误");
  }

  @Test
  void aMissingOrTamperedSignIsASignatureError() throws Exception {
    Map<String, String> noSign = unifiedOrderFields(outTradeNo());
    assertThat(raw(sandbox, "/pay/unifiedorder", noSign, null, null))
        .containsEntry("return_code", "FAIL")
        .containsEntry("return_msg", "签名错误");
    Map<String, String> tampered =
        new Signer(Secret.of(KEY_A)).signed(unifiedOrderFields(outTradeNo()), SignType.MD5);
    tampered.put("total_fee", "1");
    assertThat(raw(sandbox, "/pay/unifiedorder", tampered, null, null))
        .containsEntry("return_msg", "签名错误");
  }

  @Test
  void anUnknownSignTypeIsRefused() throws Exception {
    Map<String, String> f = unifiedOrderFields(outTradeNo());
    f.put("sign_type", "SHA1");
    f.put("sign", "X");
    assertThat(raw(sandbox, "/pay/unifiedorder", f, null, null))
        .containsEntry("return_code", "FAIL");
  }

  @Test
  void unknownMchIdAndMismatchedAppidAreRefusedWithReturnCodeFail() throws Exception {
    Map<String, String> unknown = unifiedOrderFields(outTradeNo());
    unknown.put("mch_id", "99999999");
    assertThat(raw(sandbox, "/pay/unifiedorder", unknown, KEY_A, SignType.MD5))
        .containsEntry("return_code", "FAIL")
        .containsEntry("return_msg", "mch_id不存在 (MCHID_NOT_EXIST)");
    Map<String, String> otherApp = unifiedOrderFields(outTradeNo());
    otherApp.put("appid", APP_B);
    assertThat(raw(sandbox, "/pay/unifiedorder", otherApp, KEY_A, SignType.MD5))
        .containsEntry("return_msg", "appid和mch_id不匹配");
  }

  @Test
  void malformedXmlAndGetAreRefused() throws Exception {
    var http = https(sandbox);
    var response =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(sandbox.baseUrl() + "/pay/unifiedorder"))
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><a>&e;</a></xml>"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).contains("XML格式错误").doesNotContain("root:");
    var get =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(sandbox.baseUrl() + "/pay/orderquery"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(get.body()).contains("请使用post方法");
  }

  @Test
  void missingFieldsAreParamError() throws Exception {
    for (String field :
        new String[] {
          "body",
          "out_trade_no",
          "total_fee",
          "spbill_create_ip",
          "notify_url",
          "trade_type",
          "openid",
          "nonce_str"
        }) {
      Map<String, String> f = unifiedOrderFields(outTradeNo());
      f.remove(field);
      Map<String, String> answer = raw(sandbox, "/pay/unifiedorder", f, KEY_A, SignType.MD5);
      assertThat(answer)
          .as(field)
          .containsEntry("result_code", "FAIL")
          .containsEntry("err_code", "PARAM_ERROR");
      assertThat(new Signer(Secret.of(KEY_A)).isValid(answer, SignType.MD5)).as("signed").isTrue();
    }
  }

  @Test
  void badValuesAreParamError() throws Exception {
    Instant now = CLOCK.instant();
    Map<String, String[]> bad =
        Map.of(
            "total_fee", new String[] {"1.00", "-1", "0", "abc", "１"},
            "time_expire",
                new String[] {
                  "2024-01-01",
                  "20241301000000",
                  BeijingTime.format(now.plusSeconds(30)),
                  BeijingTime.format(now.minusSeconds(3600))
                },
            "time_start", new String[] {"yesterday"},
            "out_trade_no", new String[] {"has space", "x".repeat(33)},
            "trade_type", new String[] {"NATIVE"},
            "fee_type", new String[] {"USD"},
            "notify_url",
                new String[] {
                  "ftp://x/y",
                  "https://shop.example.com:8443/n",
                  "https://shop.example.com/n?a=1",
                  "not a url"
                });
    for (Map.Entry<String, String[]> e : bad.entrySet()) {
      for (String value : e.getValue()) {
        Map<String, String> f = unifiedOrderFields(outTradeNo());
        f.put(e.getKey(), value);
        assertThat(raw(sandbox, "/pay/unifiedorder", f, KEY_A, SignType.HMAC_SHA256))
            .as(e.getKey() + "=" + value)
            .containsEntry("err_code", "PARAM_ERROR");
      }
    }
  }

  @Test
  void aValidTimeExpireAndLoopbackNotifyUrlsWithPortsAreAccepted() throws Exception {
    Map<String, String> f = unifiedOrderFields(outTradeNo());
    f.put("time_expire", BeijingTime.format(CLOCK.instant().plus(Duration.ofMinutes(30))));
    f.put("notify_url", "http://127.0.0.1:8080/api/wechat/notify");
    assertThat(raw(sandbox, "/pay/unifiedorder", f, KEY_A, SignType.MD5))
        .containsEntry("result_code", "SUCCESS");
    Map<String, String> g = unifiedOrderFields(outTradeNo());
    g.put("notify_url", "http://localhost:9090/notify");
    assertThat(raw(sandbox, "/pay/unifiedorder", g, KEY_A, SignType.MD5))
        .containsEntry("result_code", "SUCCESS");
  }

  static void assertErr(CallResult<?> result, String errCode) {
    assertThat(result).isInstanceOf(CallResult.BusinessFailure.class);
    assertThat(((CallResult.BusinessFailure<?>) result).error().rawCode()).isEqualTo(errCode);
  }
}
