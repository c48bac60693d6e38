package io.paydesk.merchant.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.merchant.entity.ApiVersion;
import io.paydesk.merchant.entity.SecretReference;
import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/** What {@code paydesk.wechat.*} makes of the first merchant's API version and v3 keys. */
class FirstMerchantTest {

  static final Map<String, String> V3 =
      Map.of(
          "paydesk.wechat.api-version", "v3",
          "paydesk.wechat.v3.private-key-file", "/etc/paydesk/apiclient_key.pem",
          "paydesk.wechat.v3.certificate-serial", "5157f09efdc096de15ebe81a47057a7232f1b8e1",
          "paydesk.wechat.v3.api-v3-key-file", "/etc/paydesk/apiv3.key",
          "paydesk.wechat.v3.public-key-id", "PUB_KEY_ID_0114232134912410000",
          "paydesk.wechat.v3.public-key-file", "/etc/paydesk/pub_key.pem");

  @Test
  void theVersionIsConfigurationsWhenItSaysAndTheRegistrysOtherwise() {
    assertThat(FirstMerchant.version(new MapConfig(V3))).isEqualTo(ApiVersion.V3);
    assertThat(FirstMerchant.version(new MapConfig(Map.of("paydesk.wechat.api-version", "v2"))))
        .isEqualTo(ApiVersion.V2);
    assertThat(FirstMerchant.version(new MapConfig(Map.of()))).isNull();
  }

  @Test
  void theV3FilesBecomeFileReferencesAndTheIdentifiersStayAsTheyAre() {
    var keys = FirstMerchant.apiV3Keys(new MapConfig(V3));
    assertThat(keys.privateKey())
        .isEqualTo(
            new SecretReference(SecretReference.Kind.FILE, "/etc/paydesk/apiclient_key.pem"));
    assertThat(keys.apiV3Key().toString()).isEqualTo("file:/etc/paydesk/apiv3.key");
    assertThat(keys.publicKey().toString()).isEqualTo("file:/etc/paydesk/pub_key.pem");
    assertThat(keys.certificateSerial()).isEqualTo("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
    assertThat(keys.publicKeyId()).isEqualTo("PUB_KEY_ID_0114232134912410000");
  }

  @Test
  void aMissingV3KeyIsNamed() {
    var config = new java.util.HashMap<>(V3);
    config.remove("paydesk.wechat.v3.certificate-serial");
    assertThatThrownBy(() -> FirstMerchant.apiV3Keys(new MapConfig(config)))
        .isInstanceOfSatisfying(
            PayDeskException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.WECHAT_NOT_CONFIGURED);
              assertThat(e.getMessage()).contains("paydesk.wechat.v3.certificate-serial");
            });
  }

  /** Configuration from a map: only what {@link FirstMerchant} asks of it. */
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
