package io.paydesk.gateway.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.gateway.entity.PaymentNotice;
import io.paydesk.merchant.boundary.MerchantView;
import io.paydesk.merchant.entity.ApiVersion;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.SubMerchant;
import io.paydesk.wechatpay.notify.NotificationDecoder;
import io.paydesk.wechatpay.sign.SignType;
import io.paydesk.wechatpay.sign.Signer;
import io.paydesk.wechatpay.v3.crypto.Pem;
import io.paydesk.wechatpay.xml.WeChatXml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one place that chooses how PayDesk speaks to a merchant ({@link WeChatPayGateway#read}): API
 * v2 with its own key, the partner API v2 for a service provider's sub-merchant, API v3 with its
 * own keys; and which notifications a merchant's URL takes.
 */
class MerchantDispatchTest {

  static final String KEY = UUID.randomUUID().toString().replace("-", "");
  static final String V3_KEY = UUID.randomUUID().toString().replace("-", "");
  static final Config CONFIG =
      new MapConfig(
          Map.of(
              "paydesk.wechat.notify-url.pay", "https://shop.example.com/api/wechat/notify/pay",
              "paydesk.wechat.notify-url.refund",
                  "https://shop.example.com/api/wechat/notify/refund"));

  @TempDir static Path dir;
  static Path keyFile;
  static Path v3KeyFile;
  static Path privateKey;
  static Path publicKey;

  @BeforeAll
  static void keys() throws Exception {
    keyFile = write("api-key", KEY);
    v3KeyFile = write("api-v3-key", V3_KEY);
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair merchant = rsa.generateKeyPair();
    KeyPair wechat = rsa.generateKeyPair();
    privateKey =
        write("apiclient_key.pem", Pem.encode("PRIVATE KEY", merchant.getPrivate().getEncoded()));
    publicKey = write("pub_key.pem", Pem.encode("PUBLIC KEY", wechat.getPublic().getEncoded()));
  }

  @Test
  void aMerchantOnV2SpeaksV2WithItsOwnKeyAtItsOwnUrl() {
    WeChatPayGateway.Setup setup = WeChatPayGateway.read(CONFIG, v2("1900000110", null));
    assertThat(setup.v3()).isNull();
    assertThat(setup.merchant().mchId()).isEqualTo("1900000110");
    assertThat(setup.client().subMerchant()).isNull();
    assertThat(setup.urls().payNotify())
        .isEqualTo("https://shop.example.com/api/wechat/notify/pay/1900000110");
    assertThat(setup.subMchId()).isNull();
  }

  @Test
  void aSubMerchantSpeaksThePartnerApiAsItsServiceProvider() {
    WeChatPayGateway.Setup setup =
        WeChatPayGateway.read(CONFIG, v2("1900000902", "wxsub0000000000002"));
    assertThat(setup.v3()).isNull();
    assertThat(setup.mchId()).isEqualTo("1900000902");
    assertThat(setup.merchant().mchId()).isEqualTo("1900000901");
    assertThat(setup.merchant().appId()).isEqualTo("wxsp00000000000001");
    assertThat(setup.client().subMerchant())
        .isEqualTo(new SubMerchant("1900000902", "wxsub0000000000002"));
    assertThat(setup.client().payingAppId()).isEqualTo("wxsub0000000000002");
    assertThat(setup.urls().refundNotify())
        .isEqualTo("https://shop.example.com/api/wechat/notify/refund/1900000902");
    assertThat(setup.subMchId()).isEqualTo("1900000902");
  }

  @Test
  void aMerchantOnV3SpeaksV3WithItsOwnKeysAtItsV3Url() {
    WeChatPayGateway.Setup setup = WeChatPayGateway.read(CONFIG, v3("1900000802"));
    assertThat(setup.v3()).isNotNull();
    assertThat(setup.client()).isNull();
    assertThat(setup.v3().settings().mchId()).isEqualTo("1900000802");
    assertThat(setup.v3().settings().apiV3Key().reveal()).isEqualTo(V3_KEY);
    assertThat(setup.v3().settings().notifyUrls().pay())
        .isEqualTo("https://shop.example.com/api/wechat/v3/notify/pay/1900000802");
    assertThat(setup.v3().settings().notifyUrls().refund())
        .isEqualTo("https://shop.example.com/api/wechat/v3/notify/refund/1900000802");
    assertThatThrownBy(setup::v2Client)
        .isInstanceOfSatisfying(
            PayDeskException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.WECHAT_NOT_CONFIGURED));
  }

  @Test
  void aV3MerchantWhoseKeyFileIsMissingIsNotConfiguredAndSaysWhichReference() {
    MerchantView missing = v3("1900000803");
    MerchantView broken =
        new MerchantView(
            missing.mchId(),
            missing.appId(),
            missing.name(),
            null,
            null,
            null,
            ApiVersion.V3,
            null,
            null,
            null,
            true,
            false,
            Instant.EPOCH,
            "file:" + dir.resolve("nowhere.pem"),
            "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
            "file:" + v3KeyFile,
            null,
            null);
    assertThatThrownBy(() -> WeChatPayGateway.read(CONFIG, broken))
        .isInstanceOfSatisfying(
            PayDeskException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.WECHAT_NOT_CONFIGURED);
              assertThat(e.getMessage()).contains("nowhere.pem").doesNotContain(V3_KEY);
            });
  }

  @Test
  void aSubMerchantsUrlTakesOnlyNotificationsNamingItsSubMchId() {
    WeChatPayGateway.Setup sub =
        WeChatPayGateway.read(CONFIG, v2("1900000902", "wxsub0000000000002"));
    WeChatPayGateway.Setup direct = WeChatPayGateway.read(CONFIG, v2("1900000110", null));
    assertThat(WeChatPayGateway.otherSubMerchant(sub, "1900000902")).isNull();
    assertThat(WeChatPayGateway.otherSubMerchant(sub, "1900000903")).contains("1900000903");
    assertThat(WeChatPayGateway.otherSubMerchant(sub, null)).contains("without sub_mch_id");
    assertThat(WeChatPayGateway.otherSubMerchant(direct, null)).isNull();
    assertThat(WeChatPayGateway.otherSubMerchant(direct, "1900000902")).isNotNull();

    // the service provider's key verifies the sub-merchant's notification; a direct merchant's
    // decoder does not
    Map<String, String> fields = paid("1900000901", "wxsp00000000000001");
    fields.put("sub_mch_id", "1900000902");
    byte[] body =
        WeChatXml.write(new Signer(Secret.of(KEY)).signed(fields, SignType.MD5))
            .getBytes(StandardCharsets.UTF_8);
    NotificationDecoder decoder = sub.decoder();
    assertThat(decoder.decodePayment(body).subMchId()).isEqualTo("1900000902");
    assertThat(WeChatOutcomes.notice(decoder.decodePayment(body), Instant.now()))
        .isInstanceOf(PaymentNotice.Paid.class);
    assertThatThrownBy(() -> direct.decoder().decodePayment(body))
        .isInstanceOf(io.paydesk.wechatpay.WeChatPayException.class);
  }

  private static MerchantView v2(String mchId, String subAppId) {
    boolean sub = subAppId != null;
    return new MerchantView(
        mchId,
        sub ? subAppId : "wx2421b1c4370ec43c",
        "Shop " + mchId,
        "file:" + keyFile,
        null,
        null,
        ApiVersion.V2,
        sub ? "1900000901" : null,
        sub ? "wxsp00000000000001" : null,
        subAppId,
        true,
        false,
        Instant.EPOCH,
        null,
        null,
        null,
        null,
        null);
  }

  private static MerchantView v3(String mchId) {
    return new MerchantView(
        mchId,
        "wx2421b1c4370ec43d",
        "Shop " + mchId,
        null,
        null,
        null,
        ApiVersion.V3,
        null,
        null,
        null,
        true,
        false,
        Instant.EPOCH,
        "file:" + privateKey,
        "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
        "file:" + v3KeyFile,
        "PUB_KEY_ID_0114232134912410000",
        "file:" + publicKey);
  }

  private static Map<String, String> paid(String mchId, String appId) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("appid", appId);
    f.put("mch_id", mchId);
    f.put("nonce_str", UUID.randomUUID().toString().replace("-", ""));
    f.put("return_code", "SUCCESS");
    f.put("result_code", "SUCCESS");
    f.put("openid", "o-buyer");
    f.put("trade_type", "JSAPI");
    f.put("total_fee", "1999");
    f.put("transaction_id", "4200000000202612050000000001");
    f.put("out_trade_no", "PD2612050000000001");
    f.put("time_end", "20261205093000");
    return f;
  }

  private static Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** Configuration from a map: only what {@link WeChatPayGateway#read} asks of it. */
  record MapConfig(Map<String, String> values) implements Config {
    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
      return Optional.ofNullable(values.get(name)).map(type::cast);
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
      return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
    }

    @Override
    public ConfigValue getConfigValue(String name) {
      throw new UnsupportedOperationException("getConfigValue");
    }

    @Override
    public Iterable<String> getPropertyNames() {
      return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
      return java.util.List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
      return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new UnsupportedOperationException("unwrap");
    }
  }
}
