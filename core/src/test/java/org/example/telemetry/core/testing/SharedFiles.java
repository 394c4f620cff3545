package org.example.telemetry.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the read-only shared folder (corpus, oracle) that lies beside the project. */
public final class SharedFiles {
  private SharedFiles() {}

  /** {@code ../shared/corpus}, as the build passes it; fails loudly when missing. */
  public static Path corpus() {
    return existing("telemetry.corpus", "corpus");
  }

  /** {@code ../shared/tools/oracle}. */
  public static Path oracle() {
    return existing("telemetry.oracle", "tools/oracle");
  }

  private static Path existing(String property, String fallback) {
    String configured = System.getProperty(property);
    Path p = configured != null ? Path.of(configured) : findUp(fallback);
    if (p == null || !Files.isDirectory(p)) {
      throw new IllegalStateException("shared folder not found: " + property + "=" + configured
          + "; run the tests from the project root with ../shared beside it");
    }
    return p.toAbsolutePath().normalize();
  }

  private static Path findUp(String rel) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve(rel);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
