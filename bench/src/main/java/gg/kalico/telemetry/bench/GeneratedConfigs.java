package gg.kalico.telemetry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Config trees for benchmarks: the conformance corpus, and trees made by its generator. */
final class GeneratedConfigs {
  private GeneratedConfigs() {}

  /**
   * The repository's conformance folder: -Dtelemetry.conformance, else conformance/ from here up.
   */
  static Path conformance() {
    String p = System.getProperty("telemetry.conformance");
    if (p != null) {
      return Path.of(p);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("conformance/tools"))) {
        return d.resolve("conformance");
      }
    }
    throw new IllegalStateException(
        "cannot find conformance/: run from the repository, or pass"
            + " -Dtelemetry.conformance=PATH");
  }

  /** Runs gen_large_config.py SECTIONS OPTIONS SEED into a fresh folder; returns printer.cfg. */
  static Path generate(int sections, int options, int seed)
      throws IOException, InterruptedException {
    Path out = Files.createTempDirectory("bench-config-");
    Path script = conformance().resolve("tools/gen_large_config.py");
    Process p =
        new ProcessBuilder(
                "python3",
                script.toString(),
                String.valueOf(sections),
                String.valueOf(options),
                String.valueOf(seed),
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("gen_large_config.py failed (is python3 installed?)");
    }
    return out.resolve("printer.cfg");
  }
}
