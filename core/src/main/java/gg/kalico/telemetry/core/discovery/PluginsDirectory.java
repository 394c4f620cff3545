package gg.kalico.telemetry.core.discovery;

import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of PF4J plugin jars, checked once when it is given: every path to the plugins goes
 * through {@link #of}, so there is one check and one message.
 */
public final class PluginsDirectory {
  private final Path path;

  private PluginsDirectory(Path path) {
    this.path = path;
  }

  /**
   * The plugins folder at this path.
   *
   * @throws TelemetryException naming the path and the fix when it is not a folder
   */
  public static PluginsDirectory of(Path path) {
    if (!Files.isDirectory(path)) {
      throw new TelemetryException(
          "plugins directory "
              + path
              + " does not exist or is not a directory; create it, or give the folder that holds"
              + " the plugin jars (CLI: --plugins)");
    }
    return new PluginsDirectory(path);
  }

  /** Where it is. */
  public Path path() {
    return path;
  }

  /** The plugin archives in it ({@code *.jar} and {@code *.zip}), in the folder's order. */
  List<Path> archives() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path, "*.{jar,zip}")) {
      files.forEach(out::add);
    }
    return out;
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
