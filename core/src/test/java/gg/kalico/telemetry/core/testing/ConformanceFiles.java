package gg.kalico.telemetry.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the test data: the conformance corpus inside the repository ({@code conformance/}), and
 * the optional Python reference for config names that lies outside it.
 */
public final class ConformanceFiles {
  private ConformanceFiles() {}

  /**
   * {@code conformance/} at the repository root (the build passes it as {@code
   * -Dtelemetry.conformance}); read-only: copy what a test modifies into a temporary folder.
   */
  public static Path corpus() {
    String configured = System.getProperty("telemetry.conformance");
    Path p = configured != null ? Path.of(configured) : null;
    if (p == null || !Files.isRegularFile(p.resolve("expected.jsonl"))) {
      // Maven run inside a module folder points the property at that module: look upwards
      p = findUp("conformance");
    }
    if (p == null || !Files.isRegularFile(p.resolve("expected.jsonl"))) {
      throw new IllegalStateException(
          "conformance corpus not found (telemetry.conformance="
              + configured
              + "); run the tests from the repository, which holds conformance/");
    }
    return p.toAbsolutePath().normalize();
  }

  /**
   * The Python reference ({@code config_names.py}, verified against Kalico's own parser), when
   * present: {@code -Dtelemetry.oracle}, else {@code ../shared/tools/oracle} beside the checkout.
   */
  public static Optional<Path> oracle() {
    String configured = System.getProperty("telemetry.oracle");
    Path p = configured != null ? Path.of(configured) : null;
    if (p == null || !Files.isRegularFile(p.resolve("config_names.py"))) {
      p = findUp("shared/tools/oracle");
    }
    if (p == null || !Files.isRegularFile(p.resolve("config_names.py"))) {
      return Optional.empty();
    }
    return Optional.of(p.toAbsolutePath().normalize());
  }

  private static Path findUp(String rel) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(rel);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
