package io.paydesk.merchant.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MerchantAccountTest {

  static final Instant NOW = Instant.parse("2026-12-05T01:00:00Z");

  static MerchantSettings settings(String key) {
    return new MerchantSettings(
        "wx5a9b0c1d2e3f4a5b",
        " Brand B ",
        SecretReference.parse(key),
        SecretReference.parse("file:/etc/paydesk/b.p12"),
        null,
        null,
        null);
  }

  @Test
  void secretsAreTakenOnlyByReference() {
    assertThat(SecretReference.parse("env:WECHAT_KEY_B").kind())
        .isEqualTo(SecretReference.Kind.ENV);
    assertThat(SecretReference.parse("alias:wechat-key-b").toString())
        .isEqualTo("alias:wechat-key-b");
    assertThat(SecretReference.parse("config:paydesk.wechat.api-key").name())
        .isEqualTo("paydesk.wechat.api-key");
    for (String bad :
        new String[] {
          "192006250b4c09247ec02edce69f6a2d", "file:relative/key", "env:1BAD", "ldap:x", "", ":x"
        }) {
      assertThatThrownBy(() -> SecretReference.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              PayDeskException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }
  }

  @Test
  void aNewMerchantIsEnabledSpeaksV2AndKeepsItsReferences() {
    MerchantAccount merchant =
        MerchantAccount.register("1900000110", settings("env:WECHAT_KEY_B"), "admin", NOW);
    assertThat(merchant.enabled()).isTrue();
    assertThat(merchant.first()).isFalse();
    MerchantSettings kept = merchant.settings();
    assertThat(kept.name()).isEqualTo("Brand B");
    assertThat(kept.apiVersion()).isEqualTo(ApiVersion.V2);
    assertThat(kept.apiKey().toString()).isEqualTo("env:WECHAT_KEY_B");
    assertThat(kept.serviceProvider()).isNull();

    merchant.disable(NOW.plusSeconds(1));
    assertThat(merchant.enabled()).isFalse();
    merchant.enable(NOW.plusSeconds(2));
    assertThat(merchant.enabled()).isTrue();
    assertThat(merchant.updatedAt()).isEqualTo(NOW.plusSeconds(2));
  }

  @Test
  void aSubMerchantRecordsItsServiceProvider() {
    MerchantSettings sub =
        new MerchantSettings(
            "wx5a9b0c1d2e3f4a5b",
            "Client shop",
            SecretReference.parse("alias:sp-key"),
            null,
            null,
            ApiVersion.V2,
            new ServiceProvider("1900000100", "wxsp0000000000001", " "));
    MerchantSettings kept = MerchantAccount.register("1900000111", sub, "admin", NOW).settings();
    assertThat(kept.serviceProvider())
        .isEqualTo(new ServiceProvider("1900000100", "wxsp0000000000001", null));
    assertThatThrownBy(() -> new ServiceProvider("sp", "wxsp", null))
        .isInstanceOf(PayDeskException.class);
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> MerchantAccount.register("19-00", settings("env:KEY"), "admin", NOW))
        .hasMessageContaining("mch_id");
    MerchantAccount merchant =
        MerchantAccount.register("1900000110", settings("env:KEY"), "admin", NOW);
    MerchantSettings noName =
        new MerchantSettings(
            "wx5a9b0c1d2e3f4a5b",
            " ",
            SecretReference.parse("env:KEY"),
            null,
            null,
            ApiVersion.V2,
            null);
    assertThatThrownBy(() -> merchant.change(noName, NOW)).hasMessageContaining("name");
    MerchantSettings passwordAlone =
        new MerchantSettings(
            "wx5a9b0c1d2e3f4a5b",
            "B",
            SecretReference.parse("env:KEY"),
            null,
            SecretReference.parse("env:P12_PASSWORD"),
            ApiVersion.V2,
            null);
    assertThatThrownBy(() -> merchant.change(passwordAlone, NOW))
        .hasMessageContaining("certificate");
    assertThat(merchant.settings().name()).isEqualTo("Brand B");
  }

  static ApiV3Keys v3Keys() {
    return new ApiV3Keys(
        SecretReference.parse("file:/etc/paydesk/c/apiclient_key.pem"),
        " 5157f09efdc096de15ebe81a47057a7232f1b8e1 ",
        SecretReference.parse("env:WECHAT_V3_KEY_C"),
        "PUB_KEY_ID_0114232134912410000",
        SecretReference.parse("file:/etc/paydesk/c/pub_key.pem"));
  }

  @Test
  void aMerchantOnV3NeedsItsV3KeysByReferenceAndNoV2Key() {
    MerchantSettings v3 =
        new MerchantSettings(
            "wx5a9b0c1d2e3f4a5c", "Brand C", null, null, null, ApiVersion.V3, null, v3Keys());
    MerchantSettings kept = MerchantAccount.register("1900000112", v3, "admin", NOW).settings();
    assertThat(kept.apiVersion()).isEqualTo(ApiVersion.V3);
    assertThat(kept.apiKey()).isNull();
    assertThat(kept.apiV3()).isEqualTo(v3Keys());
    assertThat(kept.apiV3().certificateSerial())
        .isEqualTo("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");

    MerchantSettings withoutKeys =
        new MerchantSettings(
            "wx5a9b0c1d2e3f4a5c", "Brand C", null, null, null, ApiVersion.V3, null, null);
    assertThatThrownBy(() -> MerchantAccount.register("1900000113", withoutKeys, "admin", NOW))
        .hasMessageContaining("API v3");
    MerchantSettings v2WithoutKey =
        new MerchantSettings(
            "wx5a9b0c1d2e3f4a5c", "Brand C", null, null, null, ApiVersion.V2, null, v3Keys());
    assertThatThrownBy(() -> MerchantAccount.register("1900000113", v2WithoutKey, "admin", NOW))
        .hasMessageContaining("API key");
  }

  @Test
  void v3KeysAreCompleteAndASubMerchantStaysOnThePartnerApiV2() {
    var key = SecretReference.parse("env:K");
    assertThatThrownBy(() -> new ApiV3Keys(null, "5157F09E", key, null, null))
        .hasMessageContaining("private key");
    assertThatThrownBy(() -> new ApiV3Keys(key, "not hex", key, null, null))
        .hasMessageContaining("serial");
    assertThatThrownBy(() -> new ApiV3Keys(key, "5157F09E", null, null, null))
        .hasMessageContaining("APIv3 key");
    assertThatThrownBy(() -> new ApiV3Keys(key, "5157F09E", key, "PUB_KEY_ID_01", null))
        .hasMessageContaining("go together");
    assertThat(new ApiV3Keys(key, "5157F09E", key, " ", null).publicKeyId()).isNull();

    MerchantSettings subOnV3 =
        new MerchantSettings(
            "wx5a9b0c1d2e3f4a5c",
            "Client shop",
            SecretReference.parse("alias:sp-key"),
            null,
            null,
            ApiVersion.V3,
            new ServiceProvider("1900000100", "wxsp0000000000001", null),
            v3Keys());
    assertThatThrownBy(() -> MerchantAccount.register("1900000114", subOnV3, "admin", NOW))
        .hasMessageContaining("partner API v2");
  }
}
