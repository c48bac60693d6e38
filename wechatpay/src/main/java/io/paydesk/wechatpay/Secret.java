package io.paydesk.wechatpay;

import java.util.Objects;

/**
 * A secret string (API key, certificate or trust-store password) that never shows itself in {@code
 * toString()}, so it cannot leak through a record's generated {@code toString()} or a log line.
 * Read the value only where it is used, with {@link #reveal()}.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "secret");
  }

  public static Secret of(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** The clear value; call it only at the point of use (a MAC, a key store), never to log it. */
  public String reveal() {
    return value;
  }

  /** A copy of the value as characters, for the key-store APIs that take a {@code char[]}. */
  public char[] toChars() {
    return value.toCharArray();
  }

  @Override
  public String toString() {
    return "******";
  }
}
