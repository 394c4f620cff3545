package gg.kalico.telemetry.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * This framework's version, as the build stamped it (the Maven project version, by resource
 * filtering): what {@code --version} prints, what the User-Agent names, and what plugins' {@code
 * Plugin-Requires} is checked against. Never written by hand in a class.
 */
public final class FrameworkVersion {
  private static final String VERSION = load();

  private FrameworkVersion() {}

  /** The version, for example {@code 0.1.0}. */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = FrameworkVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "version.properties is missing from the core jar;" + " rebuild it with Maven");
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "");
      if (v.isBlank() || v.contains("${")) {
        throw new IllegalStateException(
            "version.properties was not filled in by the build;"
                + " rebuild the core module with Maven");
      }
      return v.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
