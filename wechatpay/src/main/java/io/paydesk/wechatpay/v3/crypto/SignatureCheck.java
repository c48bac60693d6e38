package io.paydesk.wechatpay.v3.crypto;

import io.paydesk.wechatpay.WeChatPayException;
import io.paydesk.wechatpay.WeChatPayException.Code;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies a signed response or notification: all four headers present, the timestamp within the
 * skew limit (default 5 minutes either way, against replays), a key for the serial, and the
 * signature over {@code TIMESTAMP\nNONCE\nBODY\n}. Thread-safe.
 */
public final class SignatureCheck {
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);

  private final WeChatPayVerifier verifier;
  private final Clock clock;
  private final Duration maxSkew;

  public SignatureCheck(WeChatPayVerifier verifier, Clock clock, Duration maxSkew) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
  }

  public SignatureCheck(WeChatPayVerifier verifier) {
    this(verifier, Clock.systemUTC(), DEFAULT_MAX_SKEW);
  }

  public WeChatPayVerifier verifier() {
    return verifier;
  }

  /**
   * @throws WeChatPayException SIGN_MISSING, SIGN_TIMESTAMP_SKEW, SIGN_SERIAL_UNKNOWN or
   *     SIGN_MISMATCH
   */
  public void check(SignatureHeaders headers, byte[] body) {
    if (headers == null || !headers.complete()) {
      throw new WeChatPayException(Code.SIGN_MISSING, "Wechatpay-* signature headers missing");
    }
    long seconds;
    try {
      seconds = Long.parseLong(headers.timestamp());
    } catch (NumberFormatException e) {
      throw new WeChatPayException(Code.SIGN_TIMESTAMP_SKEW, "Wechatpay-Timestamp not a number");
    }
    Instant signedAt = Instant.ofEpochSecond(seconds);
    Duration skew = Duration.between(signedAt, clock.instant()).abs();
    if (skew.compareTo(maxSkew) > 0) {
      throw new WeChatPayException(
          Code.SIGN_TIMESTAMP_SKEW, "Wechatpay-Timestamp off by " + skew.toSeconds() + " s");
    }
    if (!verifier.knows(headers.serial())) {
      throw new WeChatPayException(
          Code.SIGN_SERIAL_UNKNOWN, "unknown Wechatpay-Serial " + headers.serial());
    }
    byte[] message = SignatureHeaders.message(headers.timestamp(), headers.nonce(), body);
    if (!verifier.verify(headers.serial(), message, headers.signature())) {
      throw new WeChatPayException(Code.SIGN_MISMATCH, "Wechatpay-Signature does not verify");
    }
  }
}
