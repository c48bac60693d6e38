package io.paydesk.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's own PKI, made with BouncyCastle on first start and reused afterwards: a CA, a
 * server certificate for {@code 127.0.0.1}/{@code localhost}, and one client certificate per
 * merchant ({@code CN=<mch_id>}, the form of WeChat's {@code apiclient_cert.p12}, password =
 * mch_id).
 *
 * <p>Files in the directory: {@code ca.pem} (export), {@code merchants/<mch_id>/apiclient_cert.p12}
 * (export), and the private {@code pki/} folder: {@code ca.p12}, {@code server.p12} and {@code
 * store-password} (random, owner-only where the file system allows).
 */
final class Pki {
  private static final String ALIAS = "key";
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final char[] storePassword;
  private final PrivateKey caKey;
  private final X509Certificate caCert;
  private final KeyStore serverStore;

  private Pki(Path dir, char[] storePassword, KeyStore ca, KeyStore server)
      throws GeneralSecurityException {
    this.dir = dir;
    this.storePassword = storePassword;
    this.caKey = (PrivateKey) ca.getKey(ALIAS, storePassword);
    this.caCert = (X509Certificate) ca.getCertificate(ALIAS);
    this.serverStore = server;
  }

  /** Loads the PKI in {@code dir}, creating what is missing. */
  static Pki openOrCreate(Path dir) {
    try {
      Path privateDir = Files.createDirectories(dir.resolve("pki"));
      char[] password = password(privateDir.resolve("store-password"));
      Path caFile = privateDir.resolve("ca.p12");
      KeyStore ca;
      if (Files.exists(caFile)) {
        ca = load(caFile, password);
      } else {
        ca = newCa(password);
        store(ca, caFile, password);
      }
      X509Certificate caCert = (X509Certificate) ca.getCertificate(ALIAS);
      PrivateKey caKey = (PrivateKey) ca.getKey(ALIAS, password);
      Path serverFile = privateDir.resolve("server.p12");
      KeyStore server;
      if (Files.exists(serverFile)) {
        server = load(serverFile, password);
      } else {
        server = issue(caKey, caCert, "CN=WeChat Pay sandbox server", true, password);
        store(server, serverFile, password);
      }
      Pki pki = new Pki(dir, password, ca, server);
      pki.exportCaPem();
      return pki;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sandbox PKI in " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create the sandbox PKI", e);
    }
  }

  /** {@code <dir>/ca.pem}: the CA to trust for the sandbox's server certificate. */
  Path caPem() {
    return dir.resolve("ca.pem");
  }

  X509Certificate caCertificate() {
    return caCert;
  }

  /** {@code <dir>/merchants/<mchId>/apiclient_cert.p12} (password = mch_id), created if missing. */
  synchronized Path clientCertificate(String mchId) {
    Path file = dir.resolve("merchants").resolve(mchId).resolve("apiclient_cert.p12");
    if (Files.exists(file)) {
      return file;
    }
    try {
      Files.createDirectories(file.getParent());
      char[] password = mchId.toCharArray();
      KeyStore client =
          issue(caKey, caCert, "CN=" + mchId + ",O=WeChat Pay sandbox", false, password);
      store(client, file, password);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a client certificate", e);
    }
  }

  /**
   * An RSA certificate issued by the sandbox CA for an API v3 key: a merchant API certificate
   * ({@code apiclient_cert.pem}) or a WeChat Pay platform certificate.
   */
  X509Certificate issueRsa(KeyPair keys, String subject) {
    try {
      JcaX509v3CertificateBuilder builder =
          builder(
              X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()),
              new X500Name(subject),
              keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCert));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      return sign(builder, caKey);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue an RSA certificate", e);
    }
  }

  /** The server side: our certificate, and trust in our CA only (for client certificates). */
  SSLContext serverContext() {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(serverStore, storePassword);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("sandbox-ca", caCert);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the server TLS context", e);
    }
  }

  /**
   * The mch_id a verified client certificate names: its CN, if it was issued by our CA (the TLS
   * layer has verified the chain; this re-checks the issuer and signature), else null.
   */
  String merchantOf(Certificate[] peerChain) {
    if (peerChain == null || peerChain.length == 0) {
      return null;
    }
    if (!(peerChain[0] instanceof X509Certificate leaf)) {
      return null;
    }
    try {
      leaf.verify(caCert.getPublicKey());
      leaf.checkValidity();
    } catch (GeneralSecurityException e) {
      return null;
    }
    if (!leaf.getIssuerX500Principal().equals(caCert.getSubjectX500Principal())) {
      return null;
    }
    return commonName(leaf.getSubjectX500Principal());
  }

  private static String commonName(X500Principal principal) {
    for (String part : principal.getName(X500Principal.RFC2253).split(",")) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    return null;
  }

  private void exportCaPem() throws IOException, GeneralSecurityException {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(caCert.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    Path file = caPem();
    if (!Files.exists(file) || !Files.readString(file, StandardCharsets.US_ASCII).equals(pem)) {
      Path tmp = file.resolveSibling("ca.pem.tmp");
      Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static char[] password(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
    }
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String password = HexFormat.of().formatHex(bytes);
    Files.writeString(file, password, StandardCharsets.US_ASCII);
    ownerOnly(file);
    return password.toCharArray();
  }

  private static void ownerOnly(Path file) {
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: nothing more to do
    }
  }

  private static KeyStore newCa(char[] password)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    KeyPair keys = keyPair();
    X500Name name = new X500Name("CN=WeChat Pay sandbox CA " + serial().toString(16));
    JcaX509v3CertificateBuilder builder = builder(name, name, keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
    X509Certificate cert = sign(builder, keys.getPrivate());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {cert});
    return store;
  }

  private static KeyStore issue(
      PrivateKey caKey, X509Certificate caCert, String subject, boolean server, char[] password)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    KeyPair keys = keyPair();
    JcaX509v3CertificateBuilder builder =
        builder(
            X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()),
            new X500Name(subject),
            keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(
        Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCert));
    if (server) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              List.of(
                      new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                      new GeneralName(GeneralName.dNSName, "localhost"))
                  .toArray(new GeneralName[0])));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    } else {
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    }
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    X509Certificate cert = sign(builder, caKey);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {cert, caCert});
    return store;
  }

  private static KeyStore load(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }

  private static void store(KeyStore store, Path file, char[] password)
      throws IOException, GeneralSecurityException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      store.store(out, password);
    }
    ownerOnly(tmp);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(63, RANDOM);
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        serial(),
        Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(VALIDITY)),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
