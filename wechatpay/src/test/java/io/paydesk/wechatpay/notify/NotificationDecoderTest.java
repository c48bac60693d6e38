package io.paydesk.wechatpay.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.sign.InvalidSignatureException;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import io.paydesk.wechatpay.xml.XmlRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class NotificationDecoderTest {
  private static final Secret KEY = Secret.of("192006250b4c09247ec02edce69f6a2d");
  private static final Merchant MERCHANT =
      new Merchant("wx2421b1c4370ec43b", "10000100", KEY, SignType.MD5);
  private static final Signer SIGNER = new Signer(KEY);
  private final NotificationDecoder decoder = new NotificationDecoder(MERCHANT);

  static Map<String, String> payment() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("appid", "wx2421b1c4370ec43b");
    f.put("attach", "支付测试");
    f.put("bank_type", "CFT");
    f.put("fee_type", "CNY");
    f.put("is_subscribe", "Y");
    f.put("mch_id", "10000100");
    f.put("nonce_str", "5d2b6c2a8db53831f7eda20af46e531c");
    f.put("openid", "oUpF8uMEb4qRXf22hE3X68TekukE");
    f.put("out_trade_no", "1409811653");
    f.put("result_code", "SUCCESS");
    f.put("return_code", "SUCCESS");
    f.put("time_end", "20140903131540");
    f.put("total_fee", "1");
    f.put("cash_fee", "1");
    f.put("coupon_fee_0", "10");
    f.put("trade_type", "JSAPI");
    f.put("transaction_id", "1004400740201409030005092168");
    return f;
  }

  static byte[] signedBody(Map<String, String> fields, SignType type) {
    Map<String, String> f = new LinkedHashMap<>(fields);
    f.put("sign", SIGNER.sign(f, type));
    return WeChatXml.write(f).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aSignedPaymentNotificationDecodes() {
    PaymentNotification n = decoder.decodePayment(signedBody(payment(), SignType.MD5));

    assertThat(n.outTradeNo()).isEqualTo("1409811653");
    assertThat(n.transactionId()).isEqualTo("1004400740201409030005092168");
    assertThat(n.totalFee()).isEqualTo(1);
    assertThat(n.amountMatches(1)).isTrue();
    assertThat(n.amountMatches(100)).isFalse();
    assertThat(n.timeEnd()).isEqualTo(Instant.parse("2014-09-03T05:15:40Z"));
    assertThat(n.succeeded()).isTrue();
    assertThat(n.fields()).containsEntry("coupon_fee_0", "10").containsKey("sign");
  }

  @Test
  void anHmacNotificationDeclaringItsTypeDecodes() {
    Map<String, String> f = payment();
    f.put("sign_type", "HMAC-SHA256");
    assertThat(decoder.decodePayment(signedBody(f, SignType.HMAC_SHA256)).totalFee()).isEqualTo(1);
  }

  @Test
  void aTamperedAmountIsRejected() {
    String body = new String(signedBody(payment(), SignType.MD5), StandardCharsets.UTF_8);
    byte[] tampered =
        body.replace("<total_fee><![CDATA[1]]>", "<total_fee><![CDATA[100]]>")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(tampered).isNotEqualTo(body.getBytes(StandardCharsets.UTF_8));
    assertRejected(() -> decoder.decodePayment(tampered), Code.SIGN_MISMATCH);
  }

  @Test
  void anUnknownFieldAddedAfterSigningIsRejected() {
    String body = new String(signedBody(payment(), SignType.MD5), StandardCharsets.UTF_8);
    byte[] tampered =
        body.replace("</xml>", "<promotion_detail><![CDATA[x]]></promotion_detail></xml>")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> decoder.decodePayment(tampered))
        .isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void anUnsignedNotificationIsRejected() {
    byte[] body = WeChatXml.write(payment()).getBytes(StandardCharsets.UTF_8);
    assertRejected(() -> decoder.decodePayment(body), Code.SIGN_MISSING);
  }

  @Test
  void anotherMerchantsNotificationIsRejected() {
    Map<String, String> f = payment();
    f.put("mch_id", "99999999");
    assertRejected(
        () -> decoder.decodePayment(signedBody(f, SignType.MD5)), Code.NOTIFY_WRONG_MERCHANT);
  }

  @Test
  void aReturnCodeFailNotificationIsRejected() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("return_code", "FAIL");
    f.put("return_msg", "参数格式校验错误");
    assertRejected(
        () -> decoder.decodePayment(WeChatXml.write(f).getBytes(StandardCharsets.UTF_8)),
        Code.NOTIFY_RETURN_FAIL);
  }

  @Test
  void anXxeNotificationIsRejectedBeforeAnythingElse() {
    byte[] body =
        ("<!DOCTYPE xml [<!ENTITY k SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><return_code>&k;</return_code></xml>")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> decoder.decodePayment(body)).isInstanceOf(XmlRejectedException.class);
  }

  static String refundInfoXml() {
    return "<root><out_refund_no><![CDATA[R1]]></out_refund_no>"
        + "<out_trade_no><![CDATA[T1]]></out_trade_no>"
        + "<refund_account><![CDATA[REFUND_SOURCE_RECHARGE_FUNDS]]></refund_account>"
        + "<refund_fee><![CDATA[50]]></refund_fee>"
        + "<refund_id><![CDATA[50000408942018111907145868882]]></refund_id>"
        + "<refund_recv_accout><![CDATA[支付用户零钱]]></refund_recv_accout>"
        + "<refund_request_source><![CDATA[API]]></refund_request_source>"
        + "<refund_status><![CDATA[SUCCESS]]></refund_status>"
        + "<settlement_refund_fee><![CDATA[50]]></settlement_refund_fee>"
        + "<settlement_total_fee><![CDATA[100]]></settlement_total_fee>"
        + "<success_time><![CDATA[2018-11-19 16:24:13]]></success_time>"
        + "<total_fee><![CDATA[100]]></total_fee>"
        + "<transaction_id><![CDATA[4200000215201811190261405420]]></transaction_id></root>";
  }

  static byte[] refundBody(String reqInfo) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("return_code", "SUCCESS");
    f.put("appid", "wx2421b1c4370ec43b");
    f.put("mch_id", "10000100");
    f.put("nonce_str", "TeqClE3i0mvn3DrK");
    f.put("req_info", reqInfo);
    return WeChatXml.write(f).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRefundNotificationDecryptsToItsTypedResult() {
    String reqInfo = new RefundInfoCipher(KEY).encrypt(refundInfoXml());

    RefundNotification n = decoder.decodeRefund(refundBody(reqInfo));

    RefundInfo info = n.info();
    assertThat(n.mchId()).isEqualTo("10000100");
    assertThat(info.outRefundNo()).isEqualTo("R1");
    assertThat(info.outTradeNo()).isEqualTo("T1");
    assertThat(info.refundId()).isEqualTo("50000408942018111907145868882");
    assertThat(info.transactionId()).isEqualTo("4200000215201811190261405420");
    assertThat(info.totalFee()).isEqualTo(100);
    assertThat(info.refundFee()).isEqualTo(50);
    assertThat(info.settlementRefundFee()).isEqualTo(50L);
    assertThat(info.refundStatus()).isEqualTo(RefundStatus.SUCCESS);
    assertThat(info.successTime()).isEqualTo(Instant.parse("2018-11-19T08:24:13Z"));
    assertThat(info.refundRecvAccout()).isEqualTo("支付用户零钱");
    assertThat(info.refundAccount()).isEqualTo("REFUND_SOURCE_RECHARGE_FUNDS");
    assertThat(info.refundRequestSource()).isEqualTo("API");
    assertThat(info.fields()).containsEntry("settlement_total_fee", "100");
  }

  @Test
  void ciphertextMatchesAnIndependentAes256EcbWithTheMd5HexKey() throws Exception {
    byte[] md5 =
        java.security.MessageDigest.getInstance("MD5")
            .digest(KEY.reveal().getBytes(StandardCharsets.UTF_8));
    String hexKey = java.util.HexFormat.of().formatHex(md5);
    assertThat(hexKey).hasSize(32).isLowerCase();
    javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/ECB/PKCS5Padding");
    aes.init(
        javax.crypto.Cipher.ENCRYPT_MODE,
        new javax.crypto.spec.SecretKeySpec(hexKey.getBytes(StandardCharsets.US_ASCII), "AES"));
    String expected =
        java.util.Base64.getEncoder()
            .encodeToString(aes.doFinal(refundInfoXml().getBytes(StandardCharsets.UTF_8)));

    assertThat(new RefundInfoCipher(KEY).encrypt(refundInfoXml())).isEqualTo(expected);
    assertThat(new RefundInfoCipher(KEY).decrypt(expected)).isEqualTo(refundInfoXml());
  }

  @Test
  void aTamperedLastBlockIsRejected() {
    byte[] cipher =
        java.util.Base64.getDecoder().decode(new RefundInfoCipher(KEY).encrypt(refundInfoXml()));
    cipher[cipher.length - 1] ^= 0x5A;
    String reqInfo = java.util.Base64.getEncoder().encodeToString(cipher);
    assertRejected(() -> decoder.decodeRefund(refundBody(reqInfo)), Code.REFUND_INFO_UNDECRYPTABLE);
  }

  @Test
  void aTamperedFirstBlockIsRejected() {
    byte[] cipher =
        java.util.Base64.getDecoder().decode(new RefundInfoCipher(KEY).encrypt(refundInfoXml()));
    cipher[3] ^= 0x01;
    String reqInfo = java.util.Base64.getEncoder().encodeToString(cipher);
    assertThatThrownBy(() -> decoder.decodeRefund(refundBody(reqInfo)))
        .isInstanceOf(NotificationRejectedException.class)
        .extracting(e -> ((WeChatPayException) e).code())
        .isIn(Code.REFUND_INFO_UNDECRYPTABLE, Code.REFUND_INFO_INVALID);
  }

  @Test
  void anotherKeysCiphertextIsRejected() {
    String reqInfo =
        new RefundInfoCipher(Secret.of("ffffffffffffffffffffffffffffffff"))
            .encrypt(refundInfoXml());
    assertThatThrownBy(() -> decoder.decodeRefund(refundBody(reqInfo)))
        .isInstanceOf(NotificationRejectedException.class);
  }

  @Test
  void garbageIsRejected() {
    assertRejected(
        () -> decoder.decodeRefund(refundBody("not base64 !!!")), Code.REFUND_INFO_UNDECRYPTABLE);
    assertRejected(() -> decoder.decodeRefund(refundBody("AAAA")), Code.REFUND_INFO_UNDECRYPTABLE);
  }

  @Test
  void somethingThatDecryptsButIsNotTheExpectedXmlIsRejected() {
    RefundInfoCipher cipher = new RefundInfoCipher(KEY);
    assertRejected(
        () -> decoder.decodeRefund(refundBody(cipher.encrypt("hello"))), Code.REFUND_INFO_INVALID);
    assertRejected(
        () -> decoder.decodeRefund(refundBody(cipher.encrypt("<root><a>1</a></root>"))),
        Code.REFUND_INFO_INVALID);
    assertRejected(
        () ->
            decoder.decodeRefund(
                refundBody(cipher.encrypt(refundInfoXml().replace("root>", "xml>")))),
        Code.REFUND_INFO_INVALID);
  }

  @Test
  void aRefundNotificationWithoutReqInfoOrForAnotherMerchantIsRejected() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("return_code", "SUCCESS");
    f.put("appid", "wx2421b1c4370ec43b");
    f.put("mch_id", "10000100");
    assertRejected(
        () -> decoder.decodeRefund(WeChatXml.write(f).getBytes(StandardCharsets.UTF_8)),
        Code.FIELD_MISSING);
    f.put("mch_id", "1");
    assertRejected(
        () -> decoder.decodeRefund(WeChatXml.write(f).getBytes(StandardCharsets.UTF_8)),
        Code.NOTIFY_WRONG_MERCHANT);
  }

  private static void assertRejected(ThrowingCallable call, Code code) {
    assertThatThrownBy(call)
        .isInstanceOf(WeChatPayException.class)
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(code);
  }
}
