package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which CAs the client trusts for WeChat's server certificate. Verification is always on; only the
 * set of anchors is configurable.
 */
public sealed interface TrustConfig
    permits TrustConfig.JdkDefault, TrustConfig.PemFile, TrustConfig.KeyStoreFile {

  /** The JDK's public CAs ({@code cacerts}): right for api.mch.weixin.qq.com. */
  static TrustConfig jdkDefault() {
    return new JdkDefault();
  }

  /** One or more PEM certificates (a private CA for the sandbox, say). */
  static TrustConfig pemFile(Path path) {
    return new PemFile(path);
  }

  /** A PKCS12 or JKS trust store. */
  static TrustConfig keyStore(Path path, String type, Secret password) {
    return new KeyStoreFile(path, type, password);
  }

  /** The trust managers for an SSLContext. */
  TrustManager[] trustManagers() throws IOException, GeneralSecurityException;

  /** The JDK's default trust anchors. */
  record JdkDefault() implements TrustConfig {
    @Override
    public TrustManager[] trustManagers() throws GeneralSecurityException {
      return managers(null);
    }
  }

  /** PEM CA certificates. */
  record PemFile(Path path) implements TrustConfig {
    public PemFile {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      try (InputStream in = Files.newInputStream(path)) {
        int i = 0;
        for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("ca-" + i++, cert);
        }
        if (i == 0) {
          throw new GeneralSecurityException("no certificate in " + path);
        }
      }
      return managers(store);
    }
  }

  /** A trust store file; {@code password} may be null for a store without one. */
  record KeyStoreFile(Path path, String type, Secret password) implements TrustConfig {
    public KeyStoreFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(type, "type");
    }

    @Override
    public TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
      KeyStore store = KeyStore.getInstance(type);
      try (InputStream in = Files.newInputStream(path)) {
        store.load(in, password == null ? null : password.toChars());
      }
      return managers(store);
    }
  }

  private static TrustManager[] managers(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }
}
