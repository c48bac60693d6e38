package io.paydesk.wechatpay.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException.Code;
import io.paydesk.wechatpay.client.RefundStatus;
import io.paydesk.wechatpay.sign.InvalidSignatureException;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Service-provider notifications: signed (or encrypted) with the service provider's key, naming the
 * sub-merchant so that PayDesk can route them; another service provider's key never verifies.
 */
class PartnerNotificationTest {
  private static final Secret SP_KEY = Secret.of("192006250b4c09247ec02edce69f6a2d");
  private static final Merchant SERVICE_PROVIDER =
      new Merchant("wxd930ea5d5a258f4f", "10000100", SP_KEY, SignType.MD5);

  /** Another service provider, with the same ids but its own key (a misrouted or forged call). */
  private static final Merchant OTHER_KEY =
      new Merchant(
          "wxd930ea5d5a258f4f",
          "10000100",
          Secret.of("0123456789abcdef0123456789abcdef"),
          SignType.MD5);

  private static final Merchant OTHER_SERVICE_PROVIDER =
      new Merchant(
          "wx8888888888888888",
          "1230000109",
          Secret.of("0123456789abcdef0123456789abcdef"),
          SignType.MD5);

  static Map<String, String> partnerPayment() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("return_code", "SUCCESS");
    f.put("appid", "wxd930ea5d5a258f4f");
    f.put("mch_id", "10000100");
    f.put("sub_appid", "wx2421b1c4370ec43b");
    f.put("sub_mch_id", "1900000109");
    f.put("nonce_str", "5d2b6c2a8db53831f7eda20af46e531c");
    f.put("result_code", "SUCCESS");
    f.put("openid", "oSpBuyer");
    f.put("is_subscribe", "N");
    f.put("sub_openid", "oSubBuyer");
    f.put("sub_is_subscribe", "N");
    f.put("trade_type", "JSAPI");
    f.put("bank_type", "CFT");
    f.put("total_fee", "100");
    f.put("cash_fee", "100");
    f.put("transaction_id", "4200000109201409030005092168");
    f.put("out_trade_no", "PD-1");
    f.put("time_end", "20140903131540");
    return f;
  }

  private static byte[] signed(Map<String, String> fields, Secret key) {
    Map<String, String> f = new LinkedHashMap<>(fields);
    f.put("sign", new Signer(key).sign(f, SignType.MD5));
    return WeChatXml.write(f).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] refundNotification(Secret key) {
    String info =
        "<root><out_refund_no>R1</out_refund_no><out_trade_no>PD-1</out_trade_no>"
            + "<refund_id>50000</refund_id><refund_fee>40</refund_fee>"
            + "<refund_status>SUCCESS</refund_status><total_fee>100</total_fee>"
            + "<transaction_id>4200000109201409030005092168</transaction_id></root>";
    Map<String, String> f = new LinkedHashMap<>();
    f.put("return_code", "SUCCESS");
    f.put("appid", "wxd930ea5d5a258f4f");
    f.put("mch_id", "10000100");
    f.put("sub_appid", "wx2421b1c4370ec43b");
    f.put("sub_mch_id", "1900000109");
    f.put("nonce_str", "n1");
    f.put("req_info", new RefundInfoCipher(key).encrypt(info));
    return WeChatXml.write(f).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPartnerPaymentNotificationNamesItsSubMerchant() {
    PaymentNotification n =
        new NotificationDecoder(SERVICE_PROVIDER).decodePayment(signed(partnerPayment(), SP_KEY));

    assertThat(n.mchId()).isEqualTo("10000100");
    assertThat(n.subMchId()).isEqualTo("1900000109");
    assertThat(n.subAppId()).isEqualTo("wx2421b1c4370ec43b");
    assertThat(n.subOpenid()).isEqualTo("oSubBuyer");
    assertThat(n.openid()).isEqualTo("oSpBuyer");
    assertThat(n.amountMatches(100)).isTrue();
  }

  @Test
  void aDirectMerchantsNotificationHasNoSubMerchant() {
    Map<String, String> f = partnerPayment();
    f.keySet().removeIf(k -> k.startsWith("sub_"));

    PaymentNotification n =
        new NotificationDecoder(SERVICE_PROVIDER).decodePayment(signed(f, SP_KEY));

    assertThat(n.subMchId()).isNull();
    assertThat(n.subAppId()).isNull();
    assertThat(n.subOpenid()).isNull();
  }

  @Test
  void aNotificationForASubMerchantDoesNotVerifyWithAnotherServiceProvidersKey() {
    byte[] body = signed(partnerPayment(), SP_KEY);

    assertThatThrownBy(() -> new NotificationDecoder(OTHER_KEY).decodePayment(body))
        .isInstanceOf(InvalidSignatureException.class)
        .extracting("code")
        .isEqualTo(Code.SIGN_MISMATCH);
    assertThatThrownBy(() -> new NotificationDecoder(OTHER_SERVICE_PROVIDER).decodePayment(body))
        .isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void aSubMerchantFieldChangedInTransitBreaksTheSignature() {
    Map<String, String> f = partnerPayment();
    byte[] body = signed(f, SP_KEY);
    String forged = new String(body, StandardCharsets.UTF_8).replace("1900000109", "1900000110");

    assertThatThrownBy(
            () ->
                new NotificationDecoder(SERVICE_PROVIDER)
                    .decodePayment(forged.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void aPartnerRefundNotificationDecryptsWithTheServiceProvidersKeyAndNamesItsSubMerchant() {
    RefundNotification n =
        new NotificationDecoder(SERVICE_PROVIDER).decodeRefund(refundNotification(SP_KEY));

    assertThat(n.mchId()).isEqualTo("10000100");
    assertThat(n.subMchId()).isEqualTo("1900000109");
    assertThat(n.subAppId()).isEqualTo("wx2421b1c4370ec43b");
    assertThat(n.info().outRefundNo()).isEqualTo("R1");
    assertThat(n.info().refundStatus()).isEqualTo(RefundStatus.SUCCESS);
  }

  @Test
  void aPartnerRefundNotificationDoesNotDecryptWithAnotherServiceProvidersKey() {
    byte[] body = refundNotification(SP_KEY);

    assertThatThrownBy(() -> new NotificationDecoder(OTHER_KEY).decodeRefund(body))
        .isInstanceOf(NotificationRejectedException.class)
        .extracting("code")
        .isIn(Code.REFUND_INFO_UNDECRYPTABLE, Code.REFUND_INFO_INVALID);
  }
}
