package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold {@code show} loads only what it needs: with the class path's built-in collectors alone (no
 * host module, no extension that asks for injection), Guice is never started, a plugins folder
 * included. The document is the same either way (the catalog's own tests cover the injected path).
 */
class StartupClassesTest {
  @TempDir Path tmp;

  @Test
  void showWithoutHostModulesNeverStartsGuice() throws Exception {
    Path cfg = Files.writeString(tmp.resolve("printer.cfg"), "[printer]\nkinematics: none\n");
    Path plugins = Files.createDirectory(tmp.resolve("plugins"));
    Path classes = tmp.resolve("classes.txt");
    CliRun run =
        CliRun.process(
            tmp,
            List.of("-Xlog:class+load=info:file=" + classes),
            Map.of(),
            "show",
            "--config",
            cfg.toString(),
            "--plugins",
            plugins.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"config\"").contains("\"printer\"");
    List<String> loaded = Files.readAllLines(classes);
    assertThat(loaded)
        .as("the log names the classes loaded")
        .anyMatch(l -> l.contains("org.pf4j."));
    assertThat(loaded)
        .as("Guice is never started: no class of its but the Injector interface, none of Guava")
        .noneMatch(
            l ->
                (l.contains(" com.google.inject.") && !l.contains(" com.google.inject.Injector "))
                    || l.contains(" com.google.common."));
  }
}
