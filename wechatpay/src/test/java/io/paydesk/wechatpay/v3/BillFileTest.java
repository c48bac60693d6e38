package io.paydesk.wechatpay.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BillFileTest {
  // sha1sum of the text below, computed with coreutils
  private static final String TEXT = "交易时间,公众账号ID\n`2026-12-03 10:00:00,`wx1\n";
  private static final String SHA1 = "4d8c776af30347511991ffaff40f61c135a08dda";

  @Test
  void aMatchingHashIsVerifiedAtTheEnd() throws IOException {
    try (BillFile f = new BillFile(stream(), "SHA1", SHA1.toUpperCase())) {
      assertThat(new String(f.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(TEXT);
      assertThat(f.verified()).isTrue();
    }
  }

  @Test
  void aDifferentHashFailsTheReadAtTheEnd() {
    BillFile f = new BillFile(stream(), "SHA1", "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    assertThatThrownBy(() -> f.body().readAllBytes())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("hash_value");
    assertThat(f.verified()).isFalse();
  }

  private static ByteArrayInputStream stream() {
    return new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8));
  }
}
