package io.paydesk.sandbox;

import io.paydesk.wechatpay.Secret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mini-programs the sandbox plays WeChat's server API for: their AppSecrets, the access tokens
 * handed out ({@code stable_token}), the shipping information uploaded per payment, and the faults
 * of these APIs. Kept in memory only (a restart forgets tokens and uploads, as a fresh day at
 * WeChat would not — the tests do not restart the sandbox between an upload and its query).
 * Thread-safe: every method is synchronized.
 */
public final class MiniPrograms {

  /** WeChat's token lifetime: 7200 seconds. */
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(2);

  /** The last minutes of a token, in which a new one is handed out beside it. */
  static final Duration OVERLAP = Duration.ofMinutes(5);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
  private final Map<String, Token> current = new HashMap<>();
  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<String, Shipping> shippings = new LinkedHashMap<>();
  private final List<Integer> injected = new ArrayList<>();
  private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
  private Instant downUntil;
  private int tokensIssued;
  private int uploadCalls;

  MiniPrograms(Clock clock) {
    this.clock = clock;
  }

  /** An access token: whose, and until when. */
  record Token(String value, String appId, Instant expiresAt, boolean revoked) {}

  /** What was uploaded for one payment, and how many times it was changed. */
  record Shipping(
      String transactionId,
      String appId,
      Map<String, Object> body,
      Instant uploadedAt,
      int changes) {}

  /** Registers a mini-program (its appid is a merchant's appid) with its AppSecret. */
  public synchronized void register(String appId, Secret appSecret) {
    secrets.put(appId, appSecret);
  }

  synchronized Secret secret(String appId) {
    return secrets.get(appId);
  }

  // ---- faults and controls

  /** Every mini-program API answers HTTP 503 for this long from now (zero: up again). */
  public synchronized MiniPrograms downFor(Duration value) {
    downUntil = value.isZero() ? null : clock.instant().plus(value);
    return this;
  }

  /** Tokens handed out from now on live this long (WeChat: 7200 s). */
  public synchronized MiniPrograms tokenLifetime(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("a token lives a positive time");
    }
    tokenLifetime = value;
    return this;
  }

  /** Every token handed out so far expires now: the next call with one gets 42001. */
  public synchronized MiniPrograms expireTokens() {
    Instant now = clock.instant();
    tokens.replaceAll(
        (k, t) -> t.expiresAt().isAfter(now) ? new Token(t.value(), t.appId(), now, false) : t);
    current.replaceAll((k, t) -> tokens.get(t.value()));
    return this;
  }

  /** The next {@code times} uploads answer {@code errcode} (after the token check). */
  public synchronized MiniPrograms failUploads(int errcode, int times) {
    for (int i = 0; i < times; i++) {
      injected.add(errcode);
    }
    return this;
  }

  /** Switches the faults off and restores the token lifetime. */
  public synchronized MiniPrograms reset() {
    downUntil = null;
    injected.clear();
    tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    return this;
  }

  /** What was uploaded for a payment, as WeChat's get_order shows it; null when nothing. */
  public synchronized Map<String, Object> uploaded(String transactionId) {
    Shipping s = shippings.get(transactionId);
    return s == null ? null : Map.copyOf(s.body());
  }

  /** How many tokens were handed out (a new one each time one was created or forced). */
  public synchronized int tokensIssued() {
    return tokensIssued;
  }

  /** How many upload calls arrived (any answer, faults included). */
  public synchronized int uploadCalls() {
    return uploadCalls;
  }

  synchronized boolean down() {
    return downUntil != null && clock.instant().isBefore(downUntil);
  }

  synchronized Integer injectedError() {
    uploadCalls++;
    return injected.isEmpty() ? null : injected.remove(0);
  }

  // ---- tokens

  /**
   * stable_token as WeChat documents it: the current token while more than five minutes of it are
   * left; in its last five minutes a new one, the old one staying valid until it expires; with
   * {@code force} always a new one, and the previous one stops working at once.
   */
  synchronized Token token(String appId, boolean force) {
    Instant now = clock.instant();
    Token token = current.get(appId);
    if (!force && token != null && token.expiresAt().isAfter(now.plus(OVERLAP))) {
      return token;
    }
    if (force && token != null) {
      tokens.put(token.value(), new Token(token.value(), appId, token.expiresAt(), true));
    }
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    Token fresh =
        new Token(
            "SBX_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
            appId,
            now.plus(tokenLifetime),
            false);
    tokens.put(fresh.value(), fresh);
    current.put(appId, fresh);
    tokensIssued++;
    return fresh;
  }

  /** The token's mini-program, or the errcode that refuses it: 40001 unknown, 42001 expired. */
  synchronized Object check(String value) {
    Token token = value == null ? null : tokens.get(value);
    if (token == null || token.revoked()) {
      return 40001;
    }
    if (!token.expiresAt().isAfter(clock.instant())) {
      return 42001;
    }
    return token.appId();
  }

  Instant now() {
    return clock.instant();
  }

  // ---- shipping

  synchronized Shipping shipping(String transactionId) {
    return shippings.get(transactionId);
  }

  synchronized void record(Shipping shipping) {
    shippings.put(shipping.transactionId(), shipping);
  }

  synchronized Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mini_programs", List.copyOf(secrets.keySet()));
    m.put("down_until", down() ? downUntil.toString() : null);
    m.put("token_lifetime_s", tokenLifetime.toSeconds());
    m.put("tokens_issued", tokensIssued);
    m.put("upload_calls", uploadCalls);
    m.put("injected_errcodes", List.copyOf(injected));
    m.put("uploaded", List.copyOf(shippings.keySet()));
    return m;
  }
}
