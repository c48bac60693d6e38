package io.paydesk.wechatpay.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignerTest {
  private static final String KEY = "192006250b4c09247ec02edce69f6a2d";
  private static final Signer SIGNER = new Signer(Secret.of(KEY));

  /** WeChat's public example. */
  private static Map<String, String> official() {
    Map<String, String> fields = new HashMap<>();
    fields.put("appid", "wxd930ea5d5a258f4f");
    fields.put("mch_id", "10000100");
    fields.put("device_info", "1000");
    fields.put("body", "test");
    fields.put("nonce_str", "ibuaiVcKdpRxkhJA");
    return fields;
  }

  @Test
  void officialStringToSign() {
    assertThat(Signer.canonicalString(official()) + "&key=" + KEY)
        .isEqualTo(
            "appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100"
                + "&nonce_str=ibuaiVcKdpRxkhJA&key=192006250b4c09247ec02edce69f6a2d");
  }

  @Test
  void officialMd5Vector() {
    assertThat(SIGNER.sign(official(), SignType.MD5)).isEqualTo("9A0A8659F005D6984697E2CA0A9CF3B7");
  }

  @Test
  void officialHmacSha256Vector() {
    assertThat(SIGNER.sign(official(), SignType.HMAC_SHA256))
        .isEqualTo("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6");
  }

  @Test
  void emptyValuesAndSignAreLeftOut() {
    Map<String, String> fields = official();
    fields.put("attach", "");
    fields.put("sign", "WHATEVER");
    assertThat(SIGNER.sign(fields, SignType.MD5)).isEqualTo("9A0A8659F005D6984697E2CA0A9CF3B7");
  }

  @Test
  void namesSortInAsciiOrderCaseSensitively() {
    Map<String, String> fields = new HashMap<>();
    fields.put("b", "1");
    fields.put("B", "2");
    fields.put("a_1", "3");
    fields.put("a", "4");
    assertThat(Signer.canonicalString(fields)).isEqualTo("B=2&a=4&a_1=3&b=1");
  }

  @Test
  void signedMessageVerifiesWithEitherType() {
    for (SignType type : SignType.values()) {
      Map<String, String> signed = SIGNER.signed(official(), type);
      assertThat(signed).containsEntry("sign_type", type.wireName());
      SIGNER.verify(signed, SignType.MD5); // sign_type in the message wins (when not weaker)
    }
  }

  @Test
  void unknownFieldsAreVerifiedToo() {
    Map<String, String> fields = official();
    fields.put("brand_new_field", "x");
    fields.put("sign", SIGNER.sign(fields, SignType.MD5));
    SIGNER.verify(fields, SignType.MD5);

    fields.put("brand_new_field", "y");
    assertThatThrownBy(() -> SIGNER.verify(fields, SignType.MD5))
        .isInstanceOf(InvalidSignatureException.class)
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.SIGN_MISMATCH);
  }

  @Test
  void anAddedFieldBreaksTheSignature() {
    Map<String, String> fields = official();
    fields.put("sign", SIGNER.sign(fields, SignType.MD5));
    fields.put("total_fee", "1");
    assertThat(SIGNER.isValid(fields, SignType.MD5)).isFalse();
  }

  @Test
  void missingSignIsRejected() {
    assertThatThrownBy(() -> SIGNER.verify(official(), SignType.MD5))
        .isInstanceOf(InvalidSignatureException.class)
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.SIGN_MISSING);
  }

  @Test
  void withoutSignTypeTheConfiguredTypeIsUsed() {
    Map<String, String> fields = official();
    fields.put("sign", "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6");
    assertThat(SIGNER.isValid(fields, SignType.HMAC_SHA256)).isTrue();
    assertThat(SIGNER.isValid(fields, SignType.MD5)).isFalse();
  }

  @Test
  void aMessageCannotChooseAWeakerTypeThanTheMerchantsButAStrongerOne() {
    Map<String, String> md5 = SIGNER.signed(official(), SignType.MD5);
    assertThat(SIGNER.isValid(md5, SignType.MD5)).isTrue();
    assertThatThrownBy(() -> SIGNER.verify(md5, SignType.HMAC_SHA256))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("weaker")
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.SIGN_MISMATCH);
    Map<String, String> hmac = SIGNER.signed(official(), SignType.HMAC_SHA256);
    assertThat(SIGNER.isValid(hmac, SignType.HMAC_SHA256)).isTrue();
    assertThat(SIGNER.isValid(hmac, SignType.MD5)).isTrue();
  }

  @Test
  void anUnknownSignTypeIsRejected() {
    Map<String, String> fields = official();
    fields.put("sign_type", "SHA1");
    fields.put("sign", "X");
    assertThatThrownBy(() -> SIGNER.verify(fields, SignType.MD5))
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.SIGN_TYPE_UNKNOWN);
  }

  @Test
  void anotherKeyDoesNotVerify() {
    Map<String, String> fields = SIGNER.signed(official(), SignType.HMAC_SHA256);
    assertThat(
            new Signer(Secret.of("00000000000000000000000000000000")).isValid(fields, SignType.MD5))
        .isFalse();
  }

  @Test
  void jsapiPaySignCoversTheFiveFields() throws Exception {
    JsapiPayParams params =
        SIGNER.jsapiPayParams(
            "wxd930ea5d5a258f4f",
            "wx2017033010242291fcfe0db70013231072",
            SignType.MD5,
            Instant.ofEpochSecond(1490840662));

    assertThat(params.timeStamp()).isEqualTo("1490840662");
    assertThat(params.packageValue()).isEqualTo("prepay_id=wx2017033010242291fcfe0db70013231072");
    String expected =
        HexFormat.of()
            .withUpperCase()
            .formatHex(
                MessageDigest.getInstance("MD5")
                    .digest(
                        ("appId=wxd930ea5d5a258f4f&nonceStr="
                                + params.nonceStr()
                                + "&package=prepay_id=wx2017033010242291fcfe0db70013231072"
                                + "&signType=MD5&timeStamp=1490840662&key="
                                + KEY)
                            .getBytes(StandardCharsets.UTF_8)));
    assertThat(params.paySign()).isEqualTo(expected);
    assertThat(params.toMap())
        .containsOnlyKeys("appId", "timeStamp", "nonceStr", "package", "signType", "paySign")
        .containsEntry("signType", "MD5");
  }

  @Test
  void jsapiPaySignWithHmac() {
    JsapiPayParams params =
        SIGNER.jsapiPayParams("wxd930ea5d5a258f4f", "p", SignType.HMAC_SHA256, Instant.EPOCH);
    Map<String, String> map = new HashMap<>(params.toMap());
    map.put("sign", map.remove("paySign"));
    // the JSAPI field is signType, not sign_type: the caller names the type
    assertThat(SIGNER.isValid(map, SignType.HMAC_SHA256)).isTrue();
    assertThat(SIGNER.isValid(map, SignType.MD5)).isFalse();
    assertThat(params.paySign()).hasSize(64);
  }

  @Test
  void noncesAreRandomAlphanumeric() {
    String a = Nonce.generate();
    String b = Nonce.generate();
    assertThat(a).hasSize(32).matches("[0-9A-Za-z]{32}");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void secretsDoNotPrint() {
    assertThat(Secret.of(KEY).toString()).doesNotContain(KEY);
  }
}
