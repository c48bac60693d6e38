package io.paydesk.merchant.entity;

import io.paydesk.platform.error.boundary.ErrorCode;
import io.paydesk.platform.error.boundary.PayDeskException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a merchant's secret (its API key, its client certificate's password) or its client
 * certificate file is found, never the secret itself: the database keeps only this reference, and
 * the gateway resolves it at the moment of use.
 *
 * <ul>
 *   <li>{@code file:/etc/paydesk/brand-b.key}: the file's content (trimmed), or for a certificate
 *       the PKCS#12 file itself;
 *   <li>{@code env:WECHAT_KEY_B}: an environment variable of the server process;
 *   <li>{@code alias:wechat-key-b}: a Payara password alias (Payara serves aliases as MicroProfile
 *       Config values, from its password config source);
 *   <li>{@code config:paydesk.wechat.api-key}: a MicroProfile Config key, which is how the first
 *       merchant keeps reading the {@code paydesk.wechat.*} settings unchanged.
 * </ul>
 */
public record SecretReference(Kind kind, String name) {

  public static final int MAX_LENGTH = 255;

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

  /** The kinds of reference, by their prefix. */
  public enum Kind {
    FILE("file"),
    ENV("env"),
    ALIAS("alias"),
    CONFIG("config");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  public SecretReference {
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isBlank()) {
      throw invalid("a secret reference names a file, a variable, an alias or a config key");
    }
    boolean valid =
        switch (kind) {
          case FILE -> name.startsWith("/") && name.length() < MAX_LENGTH && !name.contains("\0");
          case ENV -> ENV_NAME.matcher(name).matches();
          case ALIAS, CONFIG -> KEY_NAME.matcher(name).matches();
        };
    if (!valid) {
      throw invalid(
          switch (kind) {
            case FILE -> "file: takes an absolute path";
            case ENV -> "env: takes an environment variable's name";
            case ALIAS -> "alias: takes a Payara password alias's name";
            case CONFIG -> "config: takes a MicroProfile Config key";
          });
    }
  }

  /**
   * Reads {@code kind:name}. Anything else is refused, above all a bare value, which would be the
   * secret itself.
   */
  public static SecretReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid("a secret reference is required (file:, env:, alias: or config:)");
    }
    String trimmed = text.trim();
    int colon = trimmed.indexOf(':');
    if (colon > 0) {
      String prefix = trimmed.substring(0, colon);
      for (Kind kind : Kind.values()) {
        if (kind.prefix.equals(prefix)) {
          return new SecretReference(kind, trimmed.substring(colon + 1));
        }
      }
    }
    throw invalid(
        "a secret is given by reference: file:/path, env:VARIABLE, alias:name or config:key,"
            + " never by its value");
  }

  /** Null for null or blank, the parsed reference otherwise. */
  public static SecretReference parseOptional(String text) {
    return text == null || text.isBlank() ? null : parse(text);
  }

  @Override
  public String toString() {
    return kind.prefix + ":" + name;
  }

  private static PayDeskException invalid(String detail) {
    return new PayDeskException(ErrorCode.INVALID_REQUEST, detail);
  }
}
