package io.paydesk.platform.client.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.paydesk.platform.client.entity.ApiKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {

  @Test
  void aNewKeyParsesBackToItsIdAndHashAndNeverContainsTheStoredHash() {
    KeyMaterial.Issued issued = KeyMaterial.generate();

    assertThat(issued.token()).matches("pdk\\.[0-9a-f]{16}\\.[A-Za-z0-9_-]{43}");
    var presented = KeyMaterial.parse(issued.token()).orElseThrow();
    assertThat(presented.keyId()).isEqualTo(issued.keyId());
    assertThat(presented.secretHash()).isEqualTo(issued.secretHash()).hasSize(64);
    assertThat(issued.token()).doesNotContain(issued.secretHash());
    assertThat(KeyMaterial.generate().token()).isNotEqualTo(issued.token());
  }

  @Test
  void somethingNotShapedLikeAKeyIsNoKey() {
    String token = KeyMaterial.generate().token();
    assertThat(KeyMaterial.parse(null)).isEmpty();
    assertThat(KeyMaterial.parse("")).isEmpty();
    assertThat(KeyMaterial.parse(token.substring(1))).isEmpty();
    assertThat(KeyMaterial.parse(token + "x")).isEmpty();
    assertThat(KeyMaterial.parse(token.replace("pdk.", "pdk.."))).isEmpty();
  }

  @Test
  void aWrongSecretDoesNotMatchAndAnEndedKeyIsNotUsable() {
    KeyMaterial.Issued issued = KeyMaterial.generate();
    Instant now = Instant.parse("2026-12-04T12:00:00Z");
    ApiKey key = new ApiKey(issued.keyId(), "shop", issued.secretHash(), "admin", now);
    String other = KeyMaterial.generate().token();
    String forged = "pdk." + issued.keyId() + other.substring(other.lastIndexOf('.'));

    assertThat(key.matches(KeyMaterial.parse(issued.token()).orElseThrow().secretHash())).isTrue();
    assertThat(key.matches(KeyMaterial.parse(forged).orElseThrow().secretHash())).isFalse();
    assertThat(key.usableAt(now)).isTrue();

    key.expireAt(now.plus(Duration.ofHours(24)));
    key.expireAt(now.plus(Duration.ofDays(30))); // never later than it ends already
    assertThat(key.usableAt(now.plus(Duration.ofHours(23)))).isTrue();
    assertThat(key.usableAt(now.plus(Duration.ofHours(24)))).isFalse();

    key.revoke(now.plusSeconds(1));
    assertThat(key.usableAt(now.plusSeconds(2))).isFalse();
  }
}
