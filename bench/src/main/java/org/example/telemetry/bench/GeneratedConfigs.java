package org.example.telemetry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Config trees for benchmarks, made by the shared oracle's generator and the corpus. */
final class GeneratedConfigs {
  private GeneratedConfigs() {}

  /** The shared folder beside the project: -Dtelemetry.shared, else ../shared from here up. */
  static Path shared() {
    String p = System.getProperty("telemetry.shared");
    if (p != null) {
      return Path.of(p);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("shared/tools/oracle"))) {
        return d.resolve("shared");
      }
    }
    throw new IllegalStateException("cannot find ../shared; pass -Dtelemetry.shared=PATH");
  }

  /** Runs gen_large_config.py SECTIONS OPTIONS SEED into a fresh folder; returns printer.cfg. */
  static Path generate(int sections, int options, int seed) throws IOException,
      InterruptedException {
    Path out = Files.createTempDirectory("bench-config-");
    Path script = shared().resolve("tools/oracle/gen_large_config.py");
    Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(sections),
        String.valueOf(options), String.valueOf(seed), out.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("gen_large_config.py failed (is python3 installed?)");
    }
    return out.resolve("printer.cfg");
  }
}
