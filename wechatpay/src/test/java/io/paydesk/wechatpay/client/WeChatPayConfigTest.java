package io.paydesk.wechatpay.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import io.paydesk.wechatpay.sign.SignType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeChatPayConfigTest {
  private static final Merchant MERCHANT =
      new Merchant("wx1", "10000100", Secret.of("192006250b4c09247ec02edce69f6a2d"), SignType.MD5);

  @TempDir Path dir;

  @Test
  void plainHttpIsRefused() {
    assertConfigInvalid(
        () -> config(URI.create("http://api.mch.weixin.qq.com"), TrustConfig.jdkDefault(), null));
  }

  @Test
  void aPemFileWithoutCertificatesIsRefused() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
    assertConfigInvalid(
        () ->
            new WeChatPayClient(
                config(WeChatPayConfig.PRODUCTION, TrustConfig.pemFile(empty), null)));
  }

  @Test
  void aClientCertificateWithTheWrongPasswordIsRefused() throws Exception {
    Path p12 = new TestPki("CA").client("10000100").writeP12(dir, "10000100");
    ClientCertificate wrong = new ClientCertificate(p12, Secret.of("not-the-password"));
    assertConfigInvalid(
        () ->
            new WeChatPayClient(
                config(WeChatPayConfig.PRODUCTION, TrustConfig.jdkDefault(), wrong)));
  }

  @Test
  void aMissingClientCertificateFileIsRefused() {
    ClientCertificate missing =
        new ClientCertificate(dir.resolve("apiclient_cert.p12"), Secret.of("10000100"));
    assertConfigInvalid(
        () ->
            new WeChatPayClient(
                config(WeChatPayConfig.PRODUCTION, TrustConfig.jdkDefault(), missing)));
  }

  @Test
  void aMerchantNeedsItsIdentifiers() {
    assertConfigInvalid(() -> new Merchant(" ", "1", Secret.of("k"), SignType.MD5));
    assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  private static WeChatPayConfig config(URI base, TrustConfig trust, ClientCertificate cert) {
    return new WeChatPayConfig(
        base, MERCHANT, trust, cert, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  private static void assertConfigInvalid(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(WeChatPayException.class)
        .extracting(e -> ((WeChatPayException) e).code())
        .isEqualTo(Code.CONFIG_INVALID);
  }
}
