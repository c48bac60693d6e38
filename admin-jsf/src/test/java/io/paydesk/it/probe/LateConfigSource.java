package io.paydesk.it.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Test-only configuration that the test writes after deployment: the notify URLs, which name the
 * port Arquillian picked for Payara Micro. The deployment carries the path of the file to read.
 */
public class LateConfigSource implements ConfigSource {

  static final String PATH_RESOURCE = "paydesk-it-late-config.path";

  private final Path file = path();

  @Override
  public Map<String, String> getProperties() {
    Properties properties = new Properties();
    if (file != null && Files.isReadable(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return properties.stringPropertyNames().stream()
        .collect(Collectors.toMap(k -> k, properties::getProperty));
  }

  @Override
  public Set<String> getPropertyNames() {
    return getProperties().keySet();
  }

  @Override
  public String getValue(String name) {
    return getProperties().get(name);
  }

  @Override
  public String getName() {
    return "paydesk-it-late";
  }

  @Override
  public int getOrdinal() {
    return 600;
  }

  private static Path path() {
    try (InputStream in =
        LateConfigSource.class.getClassLoader().getResourceAsStream(PATH_RESOURCE)) {
      return in == null
          ? null
          : Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
