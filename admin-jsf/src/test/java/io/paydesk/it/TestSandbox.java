package io.paydesk.it;

import io.paydesk.sandbox.SandboxMerchant;
import io.paydesk.sandbox.SandboxServer;
import io.paydesk.wechatpay.Merchant;
import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.sign.SignType;
import java.time.Duration;
import java.util.UUID;

/**
 * The WeChat Pay sandbox inside the test JVM: real HTTPS with its own CA, the merchant's client
 * certificate, WeChat's rules, and a buyer the tests control. Its notification schedule runs 50
 * times faster than WeChat's, it closes orders after a second instead of five minutes, and a
 * refund's outcome comes a second after WeChat accepts it.
 */
public final class TestSandbox {

  public static final String APP_ID = "wx5a9b0c1d2e3f4a5b";
  public static final String MCH_ID = "1900000109";
  public static final String API_KEY = UUID.randomUUID().toString().replace("-", "");

  /**
   * Merchants of their own for the reconciliation tests (one per database): a day's bill then holds
   * only that test's trades.
   */
  public static final String RECONCILIATION_H2_MCH_ID = "1900000701";

  public static final String RECONCILIATION_PG_MCH_ID = "1900000702";

  /** The reconciliation pages' browser test's merchant. */
  public static final String RECONCILIATION_BROWSER_MCH_ID = "1900000703";

  public static final String RECONCILIATION_APP_ID = "wx7a9b0c1d2e3f4a70";

  /** A second merchant with a key of its own, for the crossings between merchants (issue 18). */
  public static final String MCH_ID_B = "1900000118";

  public static final String APP_ID_B = "wx5a9b0c1d2e3f4b18";
  public static final String API_KEY_B = UUID.randomUUID().toString().replace("-", "");

  /** The mini-program's AppSecret (its appid is {@link #APP_ID}), for the shipping information. */
  public static final String MINI_PROGRAM_SECRET = UUID.randomUUID().toString().replace("-", "");

  /**
   * A merchant that has only API v3 credentials (no v2 key), verified with the WeChat Pay public
   * key: {@link ApiV3MerchantOnH2IT}'s. Its own mch_id, so that its day's bill holds only its
   * trades.
   */
  public static final String V3_MCH_ID = "1900000801";

  /** The v3 merchant's APIv3 key: 32 characters. */
  public static final String API_V3_KEY = UUID.randomUUID().toString().replace("-", "");

  /**
   * A merchant of the registry (not the configured first one) on API v3, with keys of its own:
   * {@link MerchantProtocolsOnH2IT}'s.
   */
  public static final String V3_REGISTERED_MCH_ID = "1900000802";

  public static final String V3_REGISTERED_APP_ID = "wx5a9b0c1d2e3f4c02";
  public static final String V3_REGISTERED_API_V3_KEY =
      UUID.randomUUID().toString().replace("-", "");

  /** A service provider (服务商, partner API v2) and the sub-merchant bound to it, with its app. */
  public static final String SP_MCH_ID = "1900000901";

  public static final String SP_APP_ID = "wx5a9b0c1d2e3f4d01";
  public static final String SP_API_KEY = UUID.randomUUID().toString().replace("-", "");
  public static final String SUB_MCH_ID = "1900000902";
  public static final String SUB_APP_ID = "wx5a9b0c1d2e3f4d02";

  private static SandboxServer server;
  private static java.nio.file.Path secretFile;

  private TestSandbox() {}

  public static synchronized SandboxServer get() {
    if (server == null) {
      server =
          SandboxServer.builder()
              .port(0)
              .inMemory()
              .merchant(SandboxMerchant.of(APP_ID, MCH_ID, Secret.of(API_KEY)))
              .merchant(SandboxMerchant.of(APP_ID_B, MCH_ID_B, Secret.of(API_KEY_B)))
              .merchant(
                  SandboxMerchant.of(
                      RECONCILIATION_APP_ID, RECONCILIATION_H2_MCH_ID, Secret.of(API_KEY)))
              .merchant(
                  SandboxMerchant.of(
                      RECONCILIATION_APP_ID, RECONCILIATION_PG_MCH_ID, Secret.of(API_KEY)))
              .merchant(
                  SandboxMerchant.of(
                      RECONCILIATION_APP_ID, RECONCILIATION_BROWSER_MCH_ID, Secret.of(API_KEY)))
              .merchant(
                  SandboxMerchant.v3Only(
                      APP_ID,
                      V3_MCH_ID,
                      Secret.of(API_V3_KEY),
                      SandboxMerchant.V3Verification.PUBLIC_KEY))
              .merchant(
                  SandboxMerchant.v3Only(
                      V3_REGISTERED_APP_ID,
                      V3_REGISTERED_MCH_ID,
                      Secret.of(V3_REGISTERED_API_V3_KEY),
                      SandboxMerchant.V3Verification.PUBLIC_KEY))
              .merchant(
                  SandboxMerchant.of(SP_APP_ID, SP_MCH_ID, Secret.of(SP_API_KEY))
                      .withSubMerchants(
                          java.util.List.of(
                              new io.paydesk.wechatpay.SubMerchant(SUB_MCH_ID, SUB_APP_ID))))
              .timeScale(0.02)
              .closeMinAge(Duration.ofSeconds(1))
              .refundDelay(Duration.ofSeconds(1))
              .refundMinInterval(Duration.ZERO)
              .miniProgram(APP_ID, Secret.of(MINI_PROGRAM_SECRET))
              .build()
              .start();
    }
    return server;
  }

  /** The service provider, for signing its notifications. */
  public static Merchant serviceProvider() {
    return new Merchant(SP_APP_ID, SP_MCH_ID, Secret.of(SP_API_KEY), SignType.MD5);
  }

  /** The second merchant, for signing its notifications. */
  public static Merchant merchantB() {
    return new Merchant(APP_ID_B, MCH_ID_B, Secret.of(API_KEY_B), SignType.MD5);
  }

  /**
   * A file holding {@link #MINI_PROGRAM_SECRET}, as PayDesk's {@code
   * paydesk.wechat.mini-program.secret-file} names it (owner-only, deleted on exit).
   */
  public static synchronized java.nio.file.Path miniProgramSecretFile() {
    if (secretFile == null) {
      try {
        secretFile =
            java.nio.file.Files.createTempFile(
                "paydesk-mini-program-secret",
                "",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        java.nio.file.Files.writeString(secretFile, MINI_PROGRAM_SECRET);
        secretFile.toFile().deleteOnExit();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return secretFile;
  }

  /** The merchant as PayDesk's configuration names it, for signing forged notifications. */
  public static Merchant merchant() {
    return new Merchant(APP_ID, MCH_ID, Secret.of(API_KEY), SignType.MD5);
  }
}
