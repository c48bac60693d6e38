package io.paydesk.wechatpay.v3.crypto;

import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads the PEM files of API v3: the merchant's {@code apiclient_key.pem} (PKCS#8 {@code PRIVATE
 * KEY}), the WeChat Pay public key {@code pub_key.pem} ({@code PUBLIC KEY}) and X.509 certificates,
 * and writes the same forms. Errors never echo the file's content.
 */
public final class Pem {
  private Pem() {}

  /** An RSA private key from PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
  public static PrivateKey privateKey(String pem) {
    byte[] der = decode(pem, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new WeChatPayException(Code.CONFIG_INVALID, "not an RSA PKCS#8 private key", e);
    }
  }

  /** An RSA public key from {@code -----BEGIN PUBLIC KEY-----} PEM. */
  public static PublicKey publicKey(String pem) {
    byte[] der = decode(pem, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new WeChatPayException(Code.CONFIG_INVALID, "not an RSA public key", e);
    }
  }

  /** An X.509 certificate from PEM. */
  public static X509Certificate certificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new WeChatPayException(Code.CONFIG_INVALID, "not an X.509 certificate", e);
    }
  }

  /** Reads a PEM file. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new WeChatPayException(Code.CONFIG_INVALID, "cannot read " + file, e);
    }
  }

  /** WeChat's form of a certificate serial number: upper-case hex, no separators. */
  public static String serial(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
  }

  /** PEM text of DER bytes under a label ({@code PRIVATE KEY}, {@code PUBLIC KEY}, ...). */
  public static String encode(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static byte[] decode(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new WeChatPayException(Code.CONFIG_INVALID, "no " + label + " block in the PEM text");
    }
    String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new WeChatPayException(Code.CONFIG_INVALID, "the " + label + " block is not Base64", e);
    }
  }
}
