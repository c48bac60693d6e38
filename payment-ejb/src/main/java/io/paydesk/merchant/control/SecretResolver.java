package io.paydesk.merchant.control;

import io.paydesk.merchant.entity.SecretReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Turns a {@link SecretReference} into its value at the moment of use. The value is handed to the
 * caller and kept nowhere here; a reference that leads nowhere is an {@link IllegalStateException}
 * whose message names the reference, never a value.
 */
public final class SecretResolver {

  private SecretResolver() {}

  /** The secret's text: a file's content (trimmed), a variable, an alias or a config value. */
  public static String text(SecretReference reference) {
    String value =
        switch (reference.kind()) {
          case FILE -> read(Path.of(reference.name()), reference);
          case ENV -> System.getenv(reference.name());
          case ALIAS, CONFIG -> config(reference.name()).orElse(null);
        };
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(reference + " gives no value");
    }
    return value.strip();
  }

  /**
   * A file the reference leads to: the named file for {@code file:}, otherwise the path the
   * variable, alias or config key holds.
   */
  public static Path file(SecretReference reference) {
    return switch (reference.kind()) {
      case FILE -> Path.of(reference.name());
      case ENV, ALIAS, CONFIG -> Path.of(text(reference));
    };
  }

  private static Optional<String> config(String key) {
    // Payara's password config source serves each password alias as a config value
    return ConfigProvider.getConfig().getOptionalValue(key, String.class);
  }

  private static String read(Path file, SecretReference reference) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(
          reference + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }
}
