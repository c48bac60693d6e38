package io.paydesk.wechatpay.v3;

import io.paydesk.wechatpay.v3.crypto.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A throwaway RSA 2048 test key pair made with {@code openssl genpkey} for these tests only (it
 * signs nothing real), and the vectors openssl and Python's {@code cryptography} computed with it —
 * independent of this library's code.
 */
final class V3Keys {
  private V3Keys() {}

  static PrivateKey privateKey() {
    return Pem.privateKey(resource("test_apiclient_key.pem"));
  }

  static PublicKey publicKey() {
    return Pem.publicKey(resource("test_pub_key.pem"));
  }

  static String resource(String name) {
    try (InputStream in = V3Keys.class.getResourceAsStream("/v3/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
