package io.paydesk.wechatpay.v3.crypto;

import io.paydesk.wechatpay.Secret;
import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import io.paydesk.wechatpay.v3.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The platform certificate mode (平台证书): WeChat signs with a platform certificate listed by {@code
 * GET /v3/certificates}, where each certificate comes encrypted with AEAD_AES_256_GCM under the
 * APIv3 key (associated data {@code certificate}). Only WeChat and the merchant know that key, so a
 * certificate that decrypts is WeChat's; if an issuer is configured, it must also be signed by it.
 * Certificates are cached by serial and kept until they expire, so responses signed by the old and
 * the new certificate both verify while WeChat rotates; a serial not yet known triggers a refresh
 * (at most once per minute) through the refresher the client installs.
 */
public final class PlatformCertificates implements WeChatPayVerifier {
  private static final Logger LOG = Logger.getLogger(PlatformCertificates.class.getName());
  private static final Duration PER_SERIAL_INTERVAL = Duration.ofMinutes(1);
  private static final int MAX_REFRESHES_PER_MINUTE = 5;
  private static final int MAX_TRIED_SERIALS = 256;

  private final AeadAesGcm cipher;
  private final Clock clock;
  private final X509Certificate issuer;
  private final Map<String, X509Certificate> bySerial = new ConcurrentHashMap<>();
  private volatile Runnable refresher;
  private final Map<String, Instant> triedSerials = new java.util.HashMap<>();
  private final java.util.ArrayDeque<Instant> recentRefreshes = new java.util.ArrayDeque<>();

  /**
   * @param issuer the CA that must have signed the platform certificates, or null to rely on the
   *     APIv3 key alone
   */
  public PlatformCertificates(Secret apiV3Key, Clock clock, X509Certificate issuer) {
    this.cipher = new AeadAesGcm(apiV3Key);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.issuer = issuer;
  }

  /** Installed by the client: downloads {@code /v3/certificates} and calls {@link #accept}. */
  public void refresher(Runnable refresher) {
    this.refresher = refresher;
  }

  /** The serials known now. */
  public List<String> serials() {
    return new ArrayList<>(bySerial.keySet());
  }

  @Override
  public boolean knows(String serial) {
    if (serial == null) {
      return false;
    }
    if (current(serial) != null) {
      return true;
    }
    refreshIfDue(serial);
    return current(serial) != null;
  }

  @Override
  public boolean verify(String serial, byte[] message, String signature) {
    X509Certificate certificate = serial == null ? null : current(serial);
    return certificate != null && RsaSigner.verify(certificate.getPublicKey(), message, signature);
  }

  /**
   * Takes a {@code /v3/certificates} answer: decrypts every certificate, checks it (serial,
   * validity, issuer), then verifies the answer's own signature with the certificate it names — one
   * of the new ones or one already known — and only then adds them.
   *
   * @return the certificates of the answer
   * @throws WeChatPayException if a certificate does not decrypt or check, or the signature fails
   */
  public List<X509Certificate> accept(JsonObject answer, SignatureHeaders headers, byte[] body) {
    Map<String, X509Certificate> fresh = new java.util.LinkedHashMap<>();
    for (JsonObject item : answer.objects("data")) {
      String serial = item.string("serial_no");
      JsonObject enc = item.object("encrypt_certificate");
      if (!AeadAesGcm.ALGORITHM.equals(enc.string("algorithm"))) {
        throw new WeChatPayException(Code.FIELD_INVALID, "unknown certificate algorithm");
      }
      String pem =
          cipher.decrypt(
              enc.optString("associated_data"), enc.string("nonce"), enc.string("ciphertext"));
      X509Certificate certificate = Pem.certificate(pem);
      if (!Pem.serial(certificate).equals(serial)) {
        throw new WeChatPayException(Code.FIELD_INVALID, "serial_no does not match certificate");
      }
      checkIssuer(certificate);
      fresh.put(serial, certificate);
    }
    X509Certificate signer = fresh.getOrDefault(headers.serial(), current(headers.serial()));
    if (signer == null) {
      throw new WeChatPayException(
          Code.SIGN_SERIAL_UNKNOWN, "certificates answer signed by unknown " + headers.serial());
    }
    SignatureCheck trial =
        new SignatureCheck(
            new PublicKeyVerifier(headers.serial(), signer.getPublicKey()),
            clock,
            SignatureCheck.DEFAULT_MAX_SKEW);
    trial.check(headers, body);
    fresh.forEach(
        (serial, certificate) -> {
          if (bySerial.put(serial, certificate) == null) {
            LOG.info(() -> "platform certificate added serial=" + serial);
          }
        });
    bySerial.entrySet().removeIf(e -> expired(e.getValue()));
    return new ArrayList<>(fresh.values());
  }

  private X509Certificate current(String serial) {
    X509Certificate certificate = bySerial.get(serial);
    return certificate == null || expired(certificate) ? null : certificate;
  }

  private boolean expired(X509Certificate certificate) {
    try {
      certificate.checkValidity(Date.from(clock.instant()));
      return false;
    } catch (GeneralSecurityException e) {
      return true;
    }
  }

  private void checkIssuer(X509Certificate certificate) {
    if (issuer == null) {
      return;
    }
    try {
      certificate.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new WeChatPayException(
          Code.FIELD_INVALID, "platform certificate not issued by the configured CA", e);
    }
  }

  private void refreshIfDue(String serial) {
    Runnable r = refresher;
    if (r == null) {
      return;
    }
    synchronized (this) {
      Instant now = clock.instant();
      Instant tried = triedSerials.get(serial);
      if (tried != null && Duration.between(tried, now).compareTo(PER_SERIAL_INTERVAL) < 0) {
        return;
      }
      while (!recentRefreshes.isEmpty()
          && Duration.between(recentRefreshes.peekFirst(), now).compareTo(PER_SERIAL_INTERVAL)
              > 0) {
        recentRefreshes.removeFirst();
      }
      if (recentRefreshes.size() >= MAX_REFRESHES_PER_MINUTE) {
        return;
      }
      if (triedSerials.size() >= MAX_TRIED_SERIALS) {
        triedSerials.clear();
      }
      triedSerials.put(serial, now);
      recentRefreshes.addLast(now);
    }
    r.run();
  }
}
