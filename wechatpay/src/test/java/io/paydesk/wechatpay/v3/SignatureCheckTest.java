package io.paydesk.wechatpay.v3;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import io.paydesk.wechatpay.v3.crypto.PublicKeyVerifier;
import io.paydesk.wechatpay.v3.crypto.RsaSigner;
import io.paydesk.wechatpay.v3.crypto.SignatureCheck;
import io.paydesk.wechatpay.v3.crypto.SignatureHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {
  private static final String ID = "PUB_KEY_ID_0114232134912410000000000000";
  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
  private static final byte[] BODY =
      "{\"prepay_id\":\"wx26112221580621e9b071c00d9e093b0000\"}".getBytes(StandardCharsets.UTF_8);

  private final RsaSigner wechat = new RsaSigner(V3Keys.privateKey());
  private final SignatureCheck check =
      new SignatureCheck(
          new PublicKeyVerifier(ID, V3Keys.publicKey()),
          Clock.fixed(NOW, ZoneOffset.UTC),
          SignatureCheck.DEFAULT_MAX_SKEW);

  @Test
  void acceptsAFreshSignatureByTheKnownKey() {
    SignatureHeaders h = SignatureHeaders.sign(wechat, ID, NOW.getEpochSecond() - 299, "n1", BODY);
    assertThatCode(() -> check.check(h, BODY)).doesNotThrowAnyException();
  }

  @Test
  void refusesStaleOrFutureTimestamps() {
    long stale = NOW.minus(Duration.ofMinutes(5)).getEpochSecond() - 1;
    long future = NOW.plus(Duration.ofMinutes(5)).getEpochSecond() + 1;
    expect(SignatureHeaders.sign(wechat, ID, stale, "n", BODY), BODY, Code.SIGN_TIMESTAMP_SKEW);
    expect(SignatureHeaders.sign(wechat, ID, future, "n", BODY), BODY, Code.SIGN_TIMESTAMP_SKEW);
  }

  @Test
  void refusesAnotherSerialATamperedBodyOrMissingHeaders() {
    long ts = NOW.getEpochSecond();
    expect(
        SignatureHeaders.sign(wechat, "PUB_KEY_ID_OTHER", ts, "n", BODY),
        BODY,
        Code.SIGN_SERIAL_UNKNOWN);
    byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("wx26", "wx27").getBytes();
    expect(SignatureHeaders.sign(wechat, ID, ts, "n", BODY), tampered, Code.SIGN_MISMATCH);
    SignatureHeaders h = SignatureHeaders.sign(wechat, ID, ts, "n", BODY);
    expect(
        new SignatureHeaders(h.timestamp(), "other", h.signature(), ID), BODY, Code.SIGN_MISMATCH);
    expect(new SignatureHeaders(h.timestamp(), "n", null, ID), BODY, Code.SIGN_MISSING);
    expect(null, BODY, Code.SIGN_MISSING);
  }

  private void expect(SignatureHeaders h, byte[] body, Code code) {
    assertThatThrownBy(() -> check.check(h, body))
        .isInstanceOf(WeChatPayException.class)
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(code);
  }
}
