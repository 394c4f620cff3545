package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.internal.io.AtomicFiles;
import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example printer config shipped in the jar, for trying the tool on a machine without a
 * printer. It is copied to {@code $XDG_CACHE_HOME/kalico-telemetry/example-config} (default {@code
 * ~/.cache}), so that the example file and a generated machine id have a home.
 */
public final class BundledConfig {
  private static final String ROOT = "bundled-config/";

  private BundledConfig() {}

  /** Copies the bundled files to the cache folder and returns the main file. */
  static Path extract() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return extractTo(cache.resolve("kalico-telemetry/example-config"));
  }

  /**
   * Copies the bundled files into {@code dir} where they are missing (a choice saved there with
   * {@code enable} or {@code disable} is kept) and returns the main file.
   */
  public static Path extractTo(Path dir) {
    try {
      for (String name : read("bundled-config.index").split("\n")) {
        if (name.isBlank()) {
          continue;
        }
        byte[] bytes = read(ROOT + name).getBytes(StandardCharsets.UTF_8);
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        if (!Files.exists(target)) {
          AtomicFiles.write(target, bytes);
        }
      }
    } catch (IOException e) {
      throw new TelemetryException(
          "cannot copy the bundled example config to "
              + dir
              + " ("
              + e.getClass().getSimpleName()
              + "); give your own with --config",
          e);
    }
    return dir.resolve("printer.cfg");
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = BundledConfig.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
