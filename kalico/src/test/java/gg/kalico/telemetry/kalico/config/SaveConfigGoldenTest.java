package gg.kalico.telemetry.kalico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.testing.ConformanceFiles;
import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ENABLE/DISABLE_TELEMETRY + SAVE_CONFIG on every case of {@code corpus/save-config} gives Kalico's
 * exact trees (or Kalico's error), except where we differ on purpose: damaged blocks are refused,
 * and an unchanged file is not rewritten.
 */
class SaveConfigGoldenTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:34:56Z"), ZoneId.of("UTC"));

  @TestFactory
  Stream<DynamicTest> everyCaseAndVariant() throws IOException {
    Path root = ConformanceFiles.corpus().resolve("save-config");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> cases = Files.list(root)) {
      for (Path c : cases.filter(Files::isDirectory).sorted().toList()) {
        for (String variant : List.of("enabled", "disabled", "enabled-then-disabled")) {
          if (Files.isDirectory(c.resolve(variant))) {
            tests.add(
                DynamicTest.dynamicTest(c.getFileName() + "/" + variant, () -> check(c, variant)));
          }
        }
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(34 * 2);
    return tests.stream();
  }

  private static void check(Path c, String variant) throws IOException {
    Path work = Files.createTempDirectory("save-config-");
    try {
      String from = variant.equals("enabled-then-disabled") ? "enabled" : "input";
      copyTree(c.resolve(from), work);
      Map<String, byte[]> before = tree(work);
      boolean enable = variant.equals("enabled");
      Path cfg = work.resolve("printer.cfg");
      Path expected = c.resolve(variant);

      if (c.getFileName().toString().startsWith("corrupt-")) {
        // deliberate difference: Kalico appends a block it can never read back; we refuse
        assertThatThrownBy(() -> save(cfg, enable))
            .isInstanceOf(ConfigFileException.class)
            .hasMessageContaining("SAVE_CONFIG block is damaged")
            .hasMessageContaining("line ");
        assertThat(tree(work)).as("tree unchanged").containsExactlyInAnyOrderEntriesOf(before);
        return;
      }
      if (Files.exists(expected.resolve("error.txt"))) {
        String kalico = Files.readString(expected.resolve("error.txt"));
        assertThatThrownBy(() -> save(cfg, enable))
            .isInstanceOf(TelemetryException.class)
            .hasMessageStartingWith(kalico);
        assertThat(tree(work)).as("tree unchanged").containsExactlyInAnyOrderEntriesOf(before);
        assertThat(work.resolve(SaveConfig.BACKUP_DIR)).doesNotExist();
        return;
      }
      SaveConfig.Result result = save(cfg, enable);
      Map<String, byte[]> after = tree(work);
      Map<String, byte[]> want = tree(expected);
      assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
      for (String name : want.keySet()) {
        assertThat(new String(after.get(name), StandardCharsets.UTF_8))
            .as(name)
            .isEqualTo(new String(want.get(name), StandardCharsets.UTF_8));
        assertThat(after.get(name)).as(name + " byte-exact").isEqualTo(want.get(name));
      }
      // one complete backup per file that changed, holding the file as Kalico read it
      long changed =
          want.keySet().stream()
              .filter(n -> !java.util.Arrays.equals(before.get(n), want.get(n)))
              .count();
      assertThat(result.backups()).hasSize((int) changed);
      assertThat(result.written()).hasSize((int) changed);
      for (Path backup : result.backups()) {
        assertThat(work.relativize(backup).toString())
            .matches("config_backups/(.+)-20261125_123456-[0-9a-f]{8}\\.cfg");
      }
      if (changed > 0) {
        Path mainBackup = result.backups().get(result.backups().size() - 1);
        String original =
            new String(before.get("printer.cfg"), StandardCharsets.UTF_8)
                .replace("\r\n", "\n")
                .replace('\r', '\n');
        assertThat(Files.readString(mainBackup)).isEqualTo(original);
      }
    } finally {
      deleteTree(work);
    }
  }

  static SaveConfig.Result save(Path cfg, boolean enable) {
    SaveConfig session = SaveConfig.start(cfg);
    session.stageTelemetry(enable);
    return session.save(CLOCK);
  }

  static Map<String, byte[]> tree(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString();
        if (!rel.startsWith(SaveConfig.BACKUP_DIR + "/") && !rel.equals("error.txt")) {
          files.put(rel, Files.readAllBytes(p));
        }
      }
    }
    return files;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
          target.toFile().setWritable(true);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
