package io.paydesk.platform.client.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys as clients hold them: {@code pdk.<key id>.<secret>}, the key id 16 hex digits (public:
 * it names the key in the audit trail and the console), the secret 32 random bytes in base64url (43
 * characters). Only the secret's SHA-256 is stored.
 */
public final class KeyMaterial {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TOKEN =
      Pattern.compile("pdk\\.([0-9a-f]{16})\\.([A-Za-z0-9_-]{43})");

  private KeyMaterial() {}

  /** A new key: what the client is shown once, and what PayDesk keeps. */
  public record Issued(String keyId, String token, String secretHash) {}

  /** A key as a caller presented it. */
  public record Presented(String keyId, String secretHash) {}

  public static Issued generate() {
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    String keyId = HexFormat.of().formatHex(id);
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new Issued(keyId, "pdk." + keyId + "." + encoded, hash(encoded));
  }

  /** The presented token's key id and secret hash, or empty when it is not shaped like a key. */
  public static Optional<Presented> parse(String token) {
    if (token == null) {
      return Optional.empty();
    }
    var matcher = TOKEN.matcher(token.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Presented(matcher.group(1), hash(matcher.group(2))));
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
