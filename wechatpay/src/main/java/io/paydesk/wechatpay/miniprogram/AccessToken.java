package io.paydesk.wechatpay.miniprogram;

import io.paydesk.wechatpay.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token from {@code /cgi-bin/stable_token} and when it expires. The token itself is a
 * {@link Secret}: it travels only in a request's query string and never shows in a log line.
 */
public record AccessToken(Secret token, Instant expiresAt) {
  public AccessToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether it is to be replaced at {@code now}: within {@code margin} of its expiry. */
  public boolean dueForRenewal(Instant now, java.time.Duration margin) {
    return !now.isBefore(expiresAt.minus(margin));
  }
}
