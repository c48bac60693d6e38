package io.paydesk.merchant.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What PayDesk needs to speak WeChat Pay API v3 for a merchant. The key material is given by
 * reference ({@link SecretReference}), like the v2 key: the merchant's RSA private key ({@code
 * apiclient_key.pem}: a reference that leads to the file), its APIv3 key (the 32 characters
 * themselves: a file's content, a variable, an alias or a config value) and, in public-key mode,
 * the WeChat Pay public key ({@code pub_key.pem}, a reference that leads to the file). The
 * certificate serial and the public key's id are identifiers, not secrets (PayDesk sends the serial
 * in every request, WeChat the id in every answer), kept as they are.
 *
 * @param publicKeyId the WeChat Pay public key's id ({@code PUB_KEY_ID_…}); null together with
 *     {@code publicKey}: answers are then verified with platform certificates, downloaded from
 *     {@code /v3/certificates}
 */
public record ApiV3Keys(
    SecretReference privateKey,
    String certificateSerial,
    SecretReference apiV3Key,
    String publicKeyId,
    SecretReference publicKey) {

  static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,64}");
  static final Pattern KEY_ID = Pattern.compile("[0-9A-Za-z_]{1,64}");

  public ApiV3Keys {
    if (privateKey == null) {
      throw invalid("API v3 needs the merchant's private key (apiclient_key.pem), by reference");
    }
    if (certificateSerial == null || !SERIAL.matcher(certificateSerial.strip()).matches()) {
      throw invalid("API v3 needs the serial of the merchant's API certificate (hexadecimal)");
    }
    if (apiV3Key == null) {
      throw invalid("API v3 needs the APIv3 key, by reference");
    }
    publicKeyId = publicKeyId == null || publicKeyId.isBlank() ? null : publicKeyId.strip();
    if (publicKeyId != null && !KEY_ID.matcher(publicKeyId).matches()) {
      throw invalid("the WeChat Pay public key's id is like PUB_KEY_ID_0114232134912410000");
    }
    if ((publicKeyId == null) != (publicKey == null)) {
      throw invalid(
          "the WeChat Pay public key and its id go together (neither: platform certificates)");
    }
    certificateSerial = certificateSerial.strip().toUpperCase(Locale.ROOT);
  }

  /**
   * The keys a form or a request body gives as text: none when every field is blank (the merchant
   * does not use v3); otherwise the references parsed and the whole checked.
   */
  public static ApiV3Keys ofText(
      String privateKeyRef,
      String certificateSerial,
      String apiV3KeyRef,
      String publicKeyId,
      String publicKeyRef) {
    if (isBlank(privateKeyRef)
        && isBlank(certificateSerial)
        && isBlank(apiV3KeyRef)
        && isBlank(publicKeyId)
        && isBlank(publicKeyRef)) {
      return null;
    }
    return new ApiV3Keys(
        SecretReference.parseOptional(privateKeyRef),
        certificateSerial,
        SecretReference.parseOptional(apiV3KeyRef),
        publicKeyId,
        SecretReference.parseOptional(publicKeyRef));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }
}
