package gg.kalico.telemetry.kalico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.testing.ConformanceFiles;
import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A save interrupted at any step (creating the backup folder, each backup, each prepared file, each
 * replacement) leaves every file whole: the original where it was not yet replaced, never a torn or
 * empty file, and no temporary file behind.
 */
class SaveConfigInterruptTest {

  @TestFactory
  Stream<DynamicTest> interruptedAtEveryStep() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : List.of("kc-ender3-v2", "include-telemetry-autosave-includes")) {
      Path input = ConformanceFiles.corpus().resolve("save-config").resolve(name).resolve("input");
      for (String step : steps(input)) {
        tests.add(
            DynamicTest.dynamicTest(name + " at '" + step + "'", () -> interrupt(input, step)));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(8);
    return tests.stream();
  }

  /** The steps a real save goes through, recorded on a scratch copy. */
  private static List<String> steps(Path input) throws IOException {
    Path work = Files.createTempDirectory("save-steps-");
    try {
      SaveConfigGoldenTest.copyTree(input, work);
      List<String> steps = new ArrayList<>();
      SaveConfig session = SaveConfig.start(work.resolve("printer.cfg"));
      session.stageTelemetry(true);
      session.checkpoint(steps::add);
      session.save(SaveConfigGoldenTest.CLOCK);
      return steps;
    } finally {
      SaveConfigGoldenTest.deleteTree(work);
    }
  }

  private static void interrupt(Path input, String failAt) throws IOException {
    Path work = Files.createTempDirectory("save-interrupt-");
    try {
      SaveConfigGoldenTest.copyTree(input, work);
      Map<String, byte[]> before = SaveConfigGoldenTest.tree(work);
      SaveConfig session = SaveConfig.start(work.resolve("printer.cfg"));
      session.stageTelemetry(true);
      session.checkpoint(
          step -> {
            if (step.equals(failAt)) {
              throw new IOException("simulated failure at " + step);
            }
          });
      assertThatThrownBy(() -> session.save(SaveConfigGoldenTest.CLOCK))
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("could not save");

      Map<String, byte[]> after = SaveConfigGoldenTest.tree(work);
      assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
      if (!failAt.startsWith("replace") || failAt.equals("replace conf.d/telemetry.cfg")) {
        assertThat(after.get("printer.cfg"))
            .as("original printer.cfg intact")
            .isEqualTo(before.get("printer.cfg"));
      }
      if (!failAt.startsWith("replace")) {
        assertThat(after)
            .as("nothing replaced before the replace steps")
            .containsExactlyInAnyOrderEntriesOf(before);
      }
      try (Stream<Path> walk = Files.walk(work)) {
        assertThat(walk.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
      }
    } finally {
      SaveConfigGoldenTest.deleteTree(work);
    }
  }
}
