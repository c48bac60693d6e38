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
}
