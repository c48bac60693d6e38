package io.paydesk.wechatpay.client;

import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Builds the SSLContexts: the configured trust anchors with the JDK's standard PKIX trust manager
 * (never a permissive one), and for {@code /secapi} a key manager over the merchant's PKCS#12.
 */
public final class TlsContexts {
  private TlsContexts() {}

  /** Shared by the v2 and the v3 client; {@code certificate} may be null. */
  public static SSLContext create(TrustConfig trust, ClientCertificate certificate) {
    try {
      KeyManager[] keyManagers = certificate == null ? null : keyManagers(certificate);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, trust.trustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new WeChatPayException(
          Code.CONFIG_INVALID, "cannot build TLS context: " + e.getClass().getSimpleName(), e);
    }
  }

  private static KeyManager[] keyManagers(ClientCertificate certificate)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    char[] password = certificate.password().toChars();
    try (InputStream in = Files.newInputStream(certificate.p12())) {
      store.load(in, password);
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }
}
