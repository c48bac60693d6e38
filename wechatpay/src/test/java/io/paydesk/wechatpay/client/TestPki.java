package io.paydesk.wechatpay.client;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway PKI made with BouncyCastle: a CA, and server/client certificates it issues. */
final class TestPki {
  static final char[] PASSWORD = "changeit".toCharArray();
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  /** A key and its certificate chain. */
  record Issued(PrivateKey key, X509Certificate cert, X509Certificate issuer) {
    KeyStore keyStore() throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", key, PASSWORD, new Certificate[] {cert, issuer});
      return store;
    }

    Path writeP12(Path dir, String password) throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", key, password.toCharArray(), new Certificate[] {cert, issuer});
      Path file = Files.createTempFile(dir, "client", ".p12");
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, password.toCharArray());
      }
      return file;
    }
  }

  private final KeyPair caKeys;
  private final X509Certificate caCert;

  TestPki(String name) throws Exception {
    caKeys = keyPair();
    X500Name subject = new X500Name("CN=" + name);
    JcaX509v3CertificateBuilder builder = builder(subject, subject, caKeys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    caCert = sign(builder, caKeys.getPrivate());
  }

  X509Certificate caCert() {
    return caCert;
  }

  /** A server certificate for the given IP address SANs / DNS names. */
  Issued server(String... names) throws Exception {
    KeyPair keys = keyPair();
    JcaX509v3CertificateBuilder builder =
        builder(
            new X500Name(caCert.getSubjectX500Principal().getName()),
            new X500Name("CN=" + names[0]),
            keys);
    GeneralName[] sans = new GeneralName[names.length];
    for (int i = 0; i < names.length; i++) {
      sans[i] =
          names[i].matches("[0-9.]+")
              ? new GeneralName(GeneralName.iPAddress, names[i])
              : new GeneralName(GeneralName.dNSName, names[i]);
    }
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    return new Issued(keys.getPrivate(), sign(builder, caKeys.getPrivate()), caCert);
  }

  /** A client certificate such as apiclient_cert.p12, CN = mch_id. */
  Issued client(String commonName) throws Exception {
    KeyPair keys = keyPair();
    JcaX509v3CertificateBuilder builder =
        builder(
            new X500Name(caCert.getSubjectX500Principal().getName()),
            new X500Name("CN=" + commonName),
            keys);
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    return new Issued(keys.getPrivate(), sign(builder, caKeys.getPrivate()), caCert);
  }

  /** The CA as a PEM file, for {@link TrustConfig#pemFile}. */
  Path writeCaPem(Path dir) throws Exception {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(caCert.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    Path file = Files.createTempFile(dir, "ca", ".pem");
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
    return file;
  }

  /** A server-side SSLContext: this key, and (for client auth) trust in {@code clientCa}. */
  static SSLContext serverContext(Issued server, X509Certificate clientCa) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(server.keyStore(), PASSWORD);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", clientCa);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
