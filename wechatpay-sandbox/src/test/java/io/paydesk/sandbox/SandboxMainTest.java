package io.paydesk.sandbox;

import static io.paydesk.sandbox.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paydesk.wechatpay.SubMerchant;
import io.paydesk.wechatpay.bill.BillReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: options, merchants, secrets, the bill generator. */
class SandboxMainTest {
  @TempDir Path dir;

  Path keyFile(String key) throws Exception {
    Path file = dir.resolve("key-" + key.hashCode());
    Files.writeString(file, key + "\n");
    return file;
  }

  @Test
  void servesTheMerchantsOfTheCommandLineWithKeysFromFiles() throws Exception {
    String[] args = {
      "serve",
      "--in-memory",
      "--port",
      "0",
      "--time-scale",
      "0.02",
      "--refund-delay-ms",
      "10",
      "--close-min-age-s",
      "0",
      "--refund-min-interval-s",
      "0",
      "--merchant",
      "appid=" + APP_A + ",mch-id=" + MCH_A + ",api-key-file=" + keyFile(KEY_A),
      "--merchant",
      "appid="
          + APP_B
          + ",mch-id="
          + MCH_B
          + ",api-key-file="
          + keyFile(KEY_B)
          + ",unsettled-fen=10,available-fen=20,refund-outcome=CHANGE",
    };
    try (SandboxServer s = SandboxMain.parse(args, 1).build().start()) {
      assertThat(s.merchantIds()).containsExactly(MCH_A, MCH_B);
      assertThat(s.balance(MCH_B)).containsExactly(10L, 20L);
      // the key read from the file (trailing newline stripped) verifies the library's signature
      UnifiedOrderTest.assertErr(clientA(s).queryOrder("X"), "ORDERNOTEXIST");
      UnifiedOrderTest.assertErr(clientB(s).queryOrder("X"), "ORDERNOTEXIST");
    }
  }

  @Test
  void readsAPropertiesFile() throws Exception {
    Path config = dir.resolve("sandbox.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "sandbox.port=0",
            "sandbox.in-memory=true",
            "sandbox.merchants=shop",
            "sandbox.merchant.shop.appid=" + APP_A,
            "sandbox.merchant.shop.mch-id=" + MCH_A,
            "sandbox.merchant.shop.api-key-file=" + keyFile(KEY_A)));
    try (SandboxServer s =
        SandboxMain.parse(new String[] {"--config", config.toString()}, 0).build().start()) {
      assertThat(s.merchantIds()).containsExactly(MCH_A);
      assertThat(s.dataDir().getFileName().toString()).startsWith("wechatpay-sandbox");
    }
  }

  @Test
  void servesAServiceProviderAndItsSubMerchantsFromTheCommandLineAndAPropertiesFile()
      throws Exception {
    String[] args = {
      "--data-dir",
      dir.resolve("data").toString(),
      "--merchant",
      "appid=" + APP_A + ",mch-id=" + MCH_A + ",api-key-file=" + keyFile(KEY_A),
      "--partner",
      "appid=wx8888888888888888,mch-id=1230000109,api-key-file="
          + keyFile(KEY_B)
          + ",sub=1900000201:wx2b029c08a6232582,sub=1900000202,available-fen=7"
    };
    SandboxServer fromArgs = SandboxMain.parse(args, 0).build();
    assertThat(fromArgs.merchantIds()).containsExactly(MCH_A, "1230000109");
    assertThat(fromArgs.subMerchantsOf(MCH_A)).isEmpty();
    assertThat(fromArgs.subMerchantsOf("1230000109"))
        .containsExactly(
            new SubMerchant("1900000201", "wx2b029c08a6232582"), SubMerchant.of("1900000202"));

    Path config = dir.resolve("partner.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "sandbox.data-dir=" + dir.resolve("data2"),
            "sandbox.partners=agency",
            "sandbox.partner.agency.appid=wx8888888888888888",
            "sandbox.partner.agency.mch-id=1230000109",
            "sandbox.partner.agency.api-key-file=" + keyFile(KEY_B),
            "sandbox.partner.agency.sub=1900000201:wx2b029c08a6232582 1900000202"));
    SandboxServer fromFile =
        SandboxMain.parse(new String[] {"--config", config.toString()}, 0).build();
    assertThat(fromFile.subMerchantsOf("1230000109")).hasSize(2);

    String partner = "appid=wx8,mch-id=1230000109,api-key-file=" + keyFile(KEY_B);
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--partner", partner}, 0))
        .hasMessageContaining("sub=");
    assertThatThrownBy(
            () -> SandboxMain.parse(new String[] {"--partner", partner + ",sub=19/1"}, 0))
        .hasMessageContaining("SUB_MCH_ID");
    assertThatThrownBy(
            () ->
                SandboxMain.parse(
                    new String[] {"--partner", partner + ",sub=1,api-v3-key-env=X"}, 0))
        .hasMessageContaining("API v2 only");
    assertThatThrownBy(
            () ->
                SandboxMain.parse(
                        new String[] {
                          "--merchant",
                          "appid=" + APP_A + ",mch-id=" + MCH_A + ",api-key-file=" + keyFile(KEY_A),
                          "--partner",
                          partner + ",sub=" + MCH_A
                        },
                        0)
                    .build())
        .hasMessageContaining("also a merchant");
    assertThat(SandboxMain.usage()).contains("--partner").contains("sub=SUB_MCH_ID[:SUB_APPID]");
  }

  @Test
  void aMiniProgramsSecretComesFromAFileNeverFromTheCommandLine(@TempDir Path dir)
      throws Exception {
    Path secret = dir.resolve("mini-program-secret");
    Files.writeString(secret, "s3cr3t-app-secret\n");
    Path key = dir.resolve("key");
    Files.writeString(key, KEY_A);
    SandboxServer.Builder builder =
        SandboxMain.parse(
            new String[] {
              "--in-memory",
              "--merchant",
              "appid=" + APP_A + ",mch-id=" + MCH_A + ",api-key-file=" + key,
              "--mini-program",
              "appid=" + APP_A + ",secret-file=" + secret
            },
            0);
    try (SandboxServer s = builder.port(0).build().start()) {
      assertThat(s.miniPrograms().secret(APP_A).reveal()).isEqualTo("s3cr3t-app-secret");
    }
    assertThatThrownBy(
            () ->
                SandboxMain.parse(
                    new String[] {
                      "--merchant",
                      "appid=wx1,mch-id=1,api-key-file=" + key,
                      "--mini-program",
                      "appid=wx1,secret=plain"
                    },
                    0))
        .hasMessageContaining("secret-file or secret-env")
        .hasMessageNotContaining("plain");
    assertThat(SandboxMain.usage()).contains("--mini-program");
  }

  @Test
  void theKeyIsNeverTakenFromTheCommandLineAndBadOptionsAreRefused() {
    assertThatThrownBy(
            () ->
                SandboxMain.parse(
                    new String[] {"--merchant", "appid=wx1,mch-id=1,api-key=" + KEY_A}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api-key-file or api-key-env")
        .hasMessageNotContaining(KEY_A);
    assertThatThrownBy(
            () ->
                SandboxMain.parse(
                    new String[] {
                      "--merchant", "appid=wx1,mch-id=1,api-key-env=SANDBOX_NO_SUCH_VAR_42"
                    },
                    0))
        .hasMessageContaining("SANDBOX_NO_SUCH_VAR_42");
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port", "1"}, 0))
        .hasMessageContaining("--merchant");
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--colour", "red"}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SandboxMain.usage())
        .contains("--data-dir")
        .contains("generate-bill")
        .contains("api-key-file");
  }

  @Test
  void generatesABillTheLibraryReads() throws Exception {
    Path out = dir.resolve("bills/big.txt.gz");
    SandboxMain.main(
        new String[] {
          "generate-bill",
          "--lines",
          "5000",
          "--out",
          out.toString(),
          "--gzip",
          "--date",
          "20240301"
        });
    try (InputStream in = Files.newInputStream(out);
        BillReader reader = BillReader.open(in)) {
      assertThat(reader.stream().count()).isEqualTo(5000);
      assertThat(reader.summary().tradeCount()).isEqualTo(5000);
    }
  }
}
