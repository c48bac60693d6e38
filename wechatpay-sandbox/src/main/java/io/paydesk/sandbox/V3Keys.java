package io.paydesk.sandbox;

import io.paydesk.wechatpay.v3.crypto.Pem;
import io.paydesk.wechatpay.v3.crypto.RsaSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API v3 keys of the sandbox, RSA 2048, made on first start and kept in the data directory:
 *
 * <ul>
 *   <li>WeChat's side: the WeChat Pay public key pair and its id ({@code PUB_KEY_ID_…}); exported
 *       as {@code wechatpay/pub_key.pem} and {@code wechatpay/pub_key_id}. And the platform
 *       certificates (issued by the sandbox CA), the newest signing; older ones stay listed by
 *       {@code /v3/certificates} until they expire, as WeChat does while rotating.
 *   <li>Each v3 merchant's API certificate and key: {@code merchants/<mch_id>/apiclient_key.pem}
 *       (PKCS#8) and {@code apiclient_cert.pem}; the sandbox checks request signatures against that
 *       certificate and its serial.
 * </ul>
 */
final class V3Keys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final Pki pki;
  private final String publicKeyId;
  private final KeyPair wechatPayKey;
  private final List<Platform> platform = new ArrayList<>();
  private final Map<String, X509Certificate> merchantCertificates = new ConcurrentHashMap<>();

  /** A platform certificate with its key. */
  record Platform(X509Certificate certificate, PrivateKey key) {
    String serial() {
      return Pem.serial(certificate);
    }
  }

  private V3Keys(Path dir, Pki pki, String publicKeyId, KeyPair wechatPayKey) {
    this.dir = dir;
    this.pki = pki;
    this.publicKeyId = publicKeyId;
    this.wechatPayKey = wechatPayKey;
  }

  static V3Keys openOrCreate(Path dir, Pki pki) {
    try {
      Path priv = Files.createDirectories(dir.resolve("pki").resolve("v3"));
      Path export = Files.createDirectories(dir.resolve("wechatpay"));
      Path keyFile = priv.resolve("wechatpay_key.pem");
      Path idFile = export.resolve("pub_key_id");
      KeyPair pair;
      String id;
      if (Files.exists(keyFile) && Files.exists(idFile)) {
        PrivateKey key = Pem.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
        PublicKey pub = Pem.publicKey(Pem.read(export.resolve("pub_key.pem")));
        pair = new KeyPair(pub, key);
        id = Files.readString(idFile, StandardCharsets.US_ASCII).strip();
      } else {
        pair = rsa();
        id = "PUB_KEY_ID_01" + digits(30);
        write(keyFile, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
        write(
            export.resolve("pub_key.pem"), Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
        write(idFile, id + "\n");
      }
      V3Keys keys = new V3Keys(dir, pki, id, pair);
      keys.loadPlatform(priv);
      if (keys.platform.isEmpty()) {
        keys.rotatePlatformCertificate();
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sandbox's v3 keys in " + dir, e);
    }
  }

  String publicKeyId() {
    return publicKeyId;
  }

  Path publicKeyPem() {
    return dir.resolve("wechatpay").resolve("pub_key.pem");
  }

  /** The signer and serial for a merchant's mode. */
  Signing signing(SandboxMerchant.V3Verification mode) {
    if (mode == SandboxMerchant.V3Verification.PUBLIC_KEY) {
      return new Signing(new RsaSigner(wechatPayKey.getPrivate()), publicKeyId);
    }
    Platform current = currentPlatform();
    return new Signing(new RsaSigner(current.key()), current.serial());
  }

  synchronized Platform currentPlatform() {
    return platform.get(platform.size() - 1);
  }

  /** Every platform certificate still valid, oldest first. */
  synchronized List<Platform> platformCertificates() {
    List<Platform> valid = new ArrayList<>();
    for (Platform p : platform) {
      try {
        p.certificate().checkValidity();
        valid.add(p);
      } catch (GeneralSecurityException e) {
        // expired: no longer listed
      }
    }
    return valid;
  }

  /** Issues a new platform certificate, which signs from now on; the old ones stay listed. */
  synchronized Platform rotatePlatformCertificate() {
    KeyPair pair = rsa();
    X509Certificate cert =
        pki.issueRsa(pair, "CN=Tenpay.com sandbox platform certificate,O=WeChat Pay sandbox");
    Platform p = new Platform(cert, pair.getPrivate());
    Path priv = dir.resolve("pki").resolve("v3");
    String name = String.format("platform-%d-%s", System.currentTimeMillis(), p.serial());
    try {
      write(
          priv.resolve(name + ".key.pem"),
          Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
      write(priv.resolve(name + ".cert.pem"), Pem.encode("CERTIFICATE", cert.getEncoded()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot store a platform certificate", e);
    }
    platform.add(p);
    return p;
  }

  /**
   * The merchant's API certificate, created with its key pair on first use: {@code
   * merchants/<mch_id>/apiclient_key.pem} and {@code apiclient_cert.pem}.
   */
  X509Certificate merchantCertificate(String mchId) {
    return merchantCertificates.computeIfAbsent(mchId, this::loadOrIssueMerchant);
  }

  Path merchantKeyPem(String mchId) {
    merchantCertificate(mchId);
    return dir.resolve("merchants").resolve(mchId).resolve("apiclient_key.pem");
  }

  Path merchantCertificatePem(String mchId) {
    merchantCertificate(mchId);
    return dir.resolve("merchants").resolve(mchId).resolve("apiclient_cert.pem");
  }

  /** A signer and the serial it is known by ({@code Wechatpay-Serial}). */
  record Signing(RsaSigner signer, String serial) {}

  private X509Certificate loadOrIssueMerchant(String mchId) {
    Path folder = dir.resolve("merchants").resolve(mchId);
    Path certFile = folder.resolve("apiclient_cert.pem");
    try {
      if (Files.exists(certFile)) {
        return Pem.certificate(Files.readString(certFile, StandardCharsets.US_ASCII));
      }
      Files.createDirectories(folder);
      KeyPair pair = rsa();
      X509Certificate cert =
          pki.issueRsa(pair, "CN=" + mchId + ",O=WeChat Pay sandbox merchant API certificate");
      write(
          folder.resolve("apiclient_key.pem"),
          Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
      write(certFile, Pem.encode("CERTIFICATE", cert.getEncoded()));
      return cert;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the v3 certificate of " + mchId, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode a certificate", e);
    }
  }

  private void loadPlatform(Path priv) throws IOException {
    List<Path> certs = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(priv, "platform-*.cert.pem")) {
      files.forEach(certs::add);
    }
    certs.sort(
        Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().split("-")[1])));
    for (Path certFile : certs) {
      String base = certFile.getFileName().toString().replace(".cert.pem", "");
      X509Certificate cert = Pem.certificate(Files.readString(certFile, StandardCharsets.US_ASCII));
      PrivateKey key =
          Pem.privateKey(
              Files.readString(priv.resolve(base + ".key.pem"), StandardCharsets.US_ASCII));
      platform.add(new Platform(cert, key));
    }
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA unavailable", e);
    }
  }

  private static String digits(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return sb.toString();
  }

  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(
          tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
