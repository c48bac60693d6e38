package io.paydesk.wechatpay.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.client.TradeState;
import io.paydesk.wechatpay.v3.crypto.AeadAesGcm;
import io.paydesk.wechatpay.v3.crypto.Authorization;
import io.paydesk.wechatpay.v3.crypto.RsaSigner;
import io.paydesk.wechatpay.v3.json.Json;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Signing and decryption against vectors computed outside this library: the RSA signatures by
 * {@code openssl dgst -sha256 -sign} with the test key, the GCM ciphertext by Python's {@code
 * cryptography} (AESGCM). Timestamps, nonces, appid and prepay_id are the example values of
 * WeChat's API v3 documentation.
 */
class V3VectorsTest {
  private static final String AUTH_SIGNATURE =
      "QIVMyJ2Yx1kBWyE9PrskB4zF7mVZ7xNGPqi+TlJXeniX3pTzlrDj7Yqckkm5sjOOUGANmK8O+36Bi7y7NnmBlpm/"
          + "BupS2pScNVbc2PHi2Ad6dZuj5y14fMyeuYxg8ShuE7kWMgIEQosEV9yenmocBvgNP/94ZE8CU9yovB9rsGyfdZ1kTeR2"
          + "XSrmVXoE7EJPvLKsNQS9XPAsD3S3icUkIe8L0VU69quqJ//m6KV5GxYD+/BiUDIeU+iuiAXoSPmofmPGrUdKcyo7XH0k"
          + "aQFH2nnz8aZZpm2vTo/P1TMxtBNINo+kix8IoSpaoyzGDfCnlkFozAUXRIxGOvjC5/vXrQ==";
  private static final String PAY_SIGN =
      "g7oMWyKxLsQrWfBZxr7mjvGnHiNI6eD2NtOZNoI6qdy9KaIPGEHe4oOlMOPdWMfqBja420LJTuk/JYPwAnfQxs83d9GH"
          + "PIWuC2w+Ampghi9FYfYepdIBoQ6spew7GHNR42egRef4+iBvBtvaMoD84+0u87jGQ8mrrdSglLpT4T9gvXzu62oVwa3q"
          + "JoivM6nCEWg6v1KM/+Sx5AGWm+DZrnG0JOlAw93nXq1svSfqOUA351PQJHPMUJ/zsOyMXA1Cx2z5h9mqDxxZxmNc3fkI"
          + "xuWjw6bv3oNMwOXen1xvVRDCvVi4W9xfBe7Z9OZCK6Y1vlMlTaf/xXVVUuyffPvhrw==";
  private static final String API_V3_KEY = "a7cde1ZbGy6R2Dm5Kq9Ws3Xt8Vh4Jn0P";
  private static final String GCM_NONCE = "fdasflkja484";
  private static final String GCM_CIPHERTEXT =
      "m29+C32yawyt/q8m1yCudaHiompYWWXxfL3bMb7P0L0ZExQbDfBE5yt0GterzAGfdggUXSW6friOnidZGUiXxlZz0cZN"
          + "PwDdMKtc49ljfZA32t+Y25x2XCksxlMB4RJbicq/P3WwzdD8dchgq7Gx2Frhm10eWsCkgfs0wwklXoxaFqus9SEFowhx"
          + "MwQ1BiAhCENOL+6cxbKSZcA3Egcz+Jq4Qfga9Tzk5ppg5D6eyOS7jd2x/5nDr/cYYV49KcIt6dLdmHPkOfxxK1IGaAfL"
          + "HOJzTklCpo+4BCULVP1wKTqtcrGZqxt+VhhqoOsHAbajErBc2hR15BjzNHm+qM47a4Yh5aGYTMPjTqtXgJPzbhQSlLRB"
          + "dH5sLYwgiPlhVseqkxwJIaojQDfrrfxCiet67Hc25gOPyTk+8l1+76JqzIXFjzpRVxl3cpv8VeE0q3PVuKsklfI5Fai5"
          + "O2hfg5nZUfRJ2s3UjEKX/Qzv6X73T5bxrdf9Msh7iLgTVaemlm5pZVHWzHG54+FtD/r8fVFd1VrFEpctTb+oICNGexS0"
          + "Hktvw48l4IFBcKortqllkWr7IzaGhMTy4qpVoolAouez/tEjmu14pKWxu6LqlJ1T2ve1m2HdY/zM2b9BDE85";

  @Test
  void requestSignatureMatchesOpenssl() {
    String message =
        Authorization.message(
            "GET", "/v3/certificates", 1554208460L, "593BEC0C930BF1AFEB40B4A08C8FB242", "");
    assertThat(message)
        .isEqualTo("GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n");
    assertThat(new RsaSigner(V3Keys.privateKey()).sign(message)).isEqualTo(AUTH_SIGNATURE);
    assertThat(RsaSigner.verify(V3Keys.publicKey(), message, AUTH_SIGNATURE)).isTrue();
    assertThat(RsaSigner.verify(V3Keys.publicKey(), message.replace("GET", "PUT"), AUTH_SIGNATURE))
        .isFalse();
  }

  @Test
  void authorizationHeaderHasWeChatsShapeAndParsesBack() {
    Authorization a =
        Authorization.sign(
            new RsaSigner(V3Keys.privateKey()),
            "1900009191",
            "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C",
            "GET",
            "/v3/certificates",
            "",
            1554208460L,
            "593BEC0C930BF1AFEB40B4A08C8FB242");
    assertThat(a.header())
        .isEqualTo(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"1900009191\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\","
                + "timestamp=\"1554208460\",serial_no=\"1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C\","
                + "signature=\""
                + AUTH_SIGNATURE
                + "\"");
    assertThat(Authorization.parse(a.header())).isEqualTo(a);
    assertThat(Authorization.parse("WECHATPAY2-SHA256-RSA2048 mchid=\"1\"")).isNull();
    assertThat(Authorization.parse("Bearer x")).isNull();
    assertThat(Authorization.parse(null)).isNull();
  }

  @Test
  void paySignMatchesOpenssl() {
    RequestPayment p =
        RequestPayment.sign(
            new RsaSigner(V3Keys.privateKey()),
            "wx8888888888888888",
            "wx201410272009395522657a690389285100",
            1414561699L,
            "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
    assertThat(p.packageValue()).isEqualTo("prepay_id=wx201410272009395522657a690389285100");
    assertThat(p.signType()).isEqualTo("RSA");
    assertThat(p.timeStamp()).isEqualTo("1414561699");
    assertThat(p.paySign()).isEqualTo(PAY_SIGN);
  }

  @Test
  void gcmCiphertextFromPythonDecryptsAndUnknownFieldsAreIgnored() {
    String plain =
        new AeadAesGcm(Secret.of(API_V3_KEY)).decrypt("transaction", GCM_NONCE, GCM_CIPHERTEXT);
    Transaction t = Transaction.from(new Json().parseObject(plain));
    assertThat(t.tradeState()).isEqualTo(TradeState.SUCCESS);
    assertThat(t.totalFen()).isEqualTo(100);
    assertThat(t.payerTotalFen()).isEqualTo(100);
    assertThat(t.transactionId()).isEqualTo("4200000000201407033233368018");
    assertThat(t.tradeStateDesc()).isEqualTo("支付成功");
    assertThat(t.successTime()).isEqualTo(Instant.parse("2018-06-08T02:34:56Z"));
    assertThat(t.openId()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
  }

  @Test
  void anyChangeFailsTheTag() {
    AeadAesGcm gcm = new AeadAesGcm(Secret.of(API_V3_KEY));
    byte[] bytes = Base64.getDecoder().decode(GCM_CIPHERTEXT);
    bytes[10] ^= 1;
    String tampered = Base64.getEncoder().encodeToString(bytes);
    assertRefused(() -> gcm.decrypt("transaction", GCM_NONCE, tampered));
    assertRefused(() -> gcm.decrypt("refund", GCM_NONCE, GCM_CIPHERTEXT));
    assertRefused(() -> gcm.decrypt("transaction", "fdasflkja485", GCM_CIPHERTEXT));
    assertRefused(
        () ->
            new AeadAesGcm(Secret.of("b7cde1ZbGy6R2Dm5Kq9Ws3Xt8Vh4Jn0P"))
                .decrypt("transaction", GCM_NONCE, GCM_CIPHERTEXT));
    assertRefused(() -> gcm.decrypt("transaction", GCM_NONCE, "not base64!"));
  }

  @Test
  void encryptionRoundTrips() {
    AeadAesGcm gcm = new AeadAesGcm(Secret.of(API_V3_KEY));
    String c = gcm.encrypt("certificate", "0123456789ab", "证书 PEM");
    assertThat(gcm.decrypt("certificate", "0123456789ab", c)).isEqualTo("证书 PEM");
    assertThatThrownBy(() -> new AeadAesGcm(Secret.of("short")))
        .isInstanceOf(WeChatPayException.class);
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(WeChatPayException.class)
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(WeChatPayException.Code.RESOURCE_UNDECRYPTABLE);
  }
}
