package io.paydesk.wechatpay.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.v3.crypto.AeadAesGcm;
import io.paydesk.wechatpay.v3.crypto.PublicKeyVerifier;
import io.paydesk.wechatpay.v3.crypto.RsaSigner;
import io.paydesk.wechatpay.v3.crypto.SignatureCheck;
import io.paydesk.wechatpay.v3.crypto.SignatureHeaders;
import io.paydesk.wechatpay.v3.json.Json;
import io.paydesk.wechatpay.v3.notify.ApiV3NotificationDecoder;
import io.paydesk.wechatpay.v3.notify.PaymentEvent;
import io.paydesk.wechatpay.v3.notify.RefundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiV3NotificationDecoderTest {
  private static final String ID = "PUB_KEY_ID_0114232134912410000000000000";
  private static final String KEY = "a7cde1ZbGy6R2Dm5Kq9Ws3Xt8Vh4Jn0P";
  private static final ApiV3Merchant MERCHANT =
      new ApiV3Merchant(
          "wxd678efh567hg6787",
          "1230000109",
          "5157F09EFDC096DE15EBE81A47057A72",
          V3Keys.privateKey(),
          Secret.of(KEY));

  private final RsaSigner wechat = new RsaSigner(V3Keys.privateKey());
  private final ApiV3NotificationDecoder decoder =
      new ApiV3NotificationDecoder(
          MERCHANT, new SignatureCheck(new PublicKeyVerifier(ID, V3Keys.publicKey())));

  @Test
  void decodesAPaymentAndIgnoresFieldsItDoesNotKnow() {
    byte[] body =
        envelope(
            "TRANSACTION.SUCCESS", "transaction", transaction("wxd678efh567hg6787", "1230000109"));
    PaymentEvent e = decoder.decodePayment(sign(body), body);
    assertThat(e.eventType()).isEqualTo("TRANSACTION.SUCCESS");
    assertThat(e.transaction().tradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(e.transaction().totalFen()).isEqualTo(888);
    assertThat(e.transaction().outTradeNo()).isEqualTo("1217752501201407033233368018");
  }

  @Test
  void decodesARefund() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("mchid", "1230000109");
    r.put("out_trade_no", "1217752501201407033233368018");
    r.put("transaction_id", "1217752501201407033233368018");
    r.put("out_refund_no", "1217752501201407033233368019");
    r.put("refund_id", "1217752501201407033233368020");
    r.put("refund_status", "ABNORMAL");
    r.put("user_received_account", "招商银行信用卡0403");
    r.put(
        "amount", Map.of("total", 999L, "refund", 999L, "payer_total", 999L, "payer_refund", 999L));
    r.put("whatever_comes_next", Map.of("x", 1L));
    byte[] body = envelope("REFUND.ABNORMAL", "refund", Json.write(r));
    RefundEvent e = decoder.decodeRefund(sign(body), body);
    assertThat(e.refund().status()).isEqualTo(DomesticRefundStatus.ABNORMAL);
    assertThat(e.refund().refundFen()).isEqualTo(999);
    assertThat(e.refund().createTime()).isNull();
  }

  @Test
  void refusesAnotherMerchantATamperedResourceAndABadSignature() {
    byte[] other =
        envelope(
            "TRANSACTION.SUCCESS", "transaction", transaction("wxd678efh567hg6787", "1900000001"));
    expect(() -> decoder.decodePayment(sign(other), other), Code.NOTIFY_WRONG_MERCHANT);

    byte[] good =
        envelope(
            "TRANSACTION.SUCCESS", "transaction", transaction("wxd678efh567hg6787", "1230000109"));
    String text = new String(good, StandardCharsets.UTF_8);
    int at = text.indexOf("\"ciphertext\":\"") + 20;
    char c = text.charAt(at);
    byte[] tampered =
        (text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1))
            .getBytes(StandardCharsets.UTF_8);
    // re-signed by "WeChat": only the GCM tag can catch the change
    expect(() -> decoder.decodePayment(sign(tampered), tampered), Code.RESOURCE_UNDECRYPTABLE);
    // not re-signed: the signature catches it first
    expect(() -> decoder.decodePayment(sign(good), tampered), Code.SIGN_MISMATCH);
    expect(() -> decoder.decodeRefund(sign(good), good), Code.FIELD_INVALID);
  }

  private SignatureHeaders sign(byte[] body) {
    return SignatureHeaders.sign(wechat, ID, Instant.now().getEpochSecond(), "nonce", body);
  }

  private static String transaction(String appId, String mchId) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("appid", appId);
    t.put("mchid", mchId);
    t.put("out_trade_no", "1217752501201407033233368018");
    t.put("transaction_id", "1217752501201407033233368018");
    t.put("trade_type", "JSAPI");
    t.put("trade_state", "SUCCESS");
    t.put("trade_state_desc", "支付成功");
    t.put("bank_type", "CMC");
    t.put("success_time", "2018-06-08T10:34:56+08:00");
    t.put("payer", Map.of("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
    t.put("amount", Map.of("total", 888L, "payer_total", 888L, "currency", "CNY"));
    t.put("promotion_detail", java.util.List.of(Map.of("coupon_id", "109519")));
    return Json.write(t);
  }

  private static byte[] envelope(String event, String type, String plain) {
    AeadAesGcm gcm = new AeadAesGcm(Secret.of(KEY));
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("original_type", type);
    resource.put("algorithm", "AEAD_AES_256_GCM");
    resource.put("ciphertext", gcm.encrypt(type, "fdasflkja484", plain));
    resource.put("associated_data", type);
    resource.put("nonce", "fdasflkja484");
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", "EV-2018022511223320873");
    e.put("create_time", "2015-05-20T13:29:35+08:00");
    e.put("resource_type", "encrypt-resource");
    e.put("event_type", event);
    e.put("summary", "支付成功");
    e.put("resource", resource);
    return Json.write(e).getBytes(StandardCharsets.UTF_8);
  }

  private static void expect(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Code code) {
    assertThatThrownBy(call)
        .isInstanceOf(WeChatPayException.class)
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(code);
  }
}
