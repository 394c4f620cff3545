package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.testing.ConformanceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code show --config X} gives Kalico's real object list, in order, for every corpus entry with a
 * known answer (conformance/objects-expected.jsonl: Kalico's list(printer.objects) after its
 * start-up read). Where the answer was made with required options filled in, the same options are
 * filled in here, on a copy.
 */
class ObjectsCorpusTest {
  private static final JsonMapper JSON = JsonMapper.shared();

  /** The values the corpus's harness filled in (conformance/SOURCES.md). */
  private static final Map<String, String> FILLED =
      Map.of(
          "serial",
          "/tmp/kalico-fake-serial",
          "path",
          "/tmp/kalico-gcodes",
          "sense_resistor",
          "0.110",
          "max_velocity",
          "300",
          "max_accel",
          "3000",
          "kinematics",
          "none",
          "sensor_type",
          "EPCOS 100K B57560G104F",
          "canbus_uuid",
          "0123456789ab");

  @TempDir static Path tmp;

  @TestFactory
  Stream<DynamicTest> showGivesKalicosObjectListForEveryEntry() throws IOException {
    Path corpus = ConformanceFiles.corpus();
    List<JsonNode> entries = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve("objects-expected.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      if (n.has("objects")) {
        entries.add(n);
      }
    }
    assertThat(entries).hasSize(223);
    Path noCheckout = Files.createDirectories(tmp.resolve("no-checkout"));
    return entries.stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.get("file").asString(),
                    () -> {
                      Path cfg = prepared(corpus, e);
                      CliRun run =
                          CliRun.inProcess(
                              "show",
                              "--config",
                              cfg.toString(),
                              "--host-dir",
                              noCheckout.toString());
                      assertThat(run.exit()).as(run.err()).isZero();
                      List<String> objects = new ArrayList<>();
                      JSON.readTree(run.out())
                          .get("objects")
                          .forEach(o -> objects.add(o.asString()));
                      List<String> expected = new ArrayList<>();
                      e.get("objects").forEach(o -> expected.add(o.asString()));
                      assertThat(objects).containsExactlyElementsOf(expected);
                    }));
  }

  /** The entry's config, or a copy with the harness's filled-in options added. */
  private static Path prepared(Path corpus, JsonNode entry) throws IOException {
    Path original = corpus.resolve(entry.get("file").asString());
    JsonNode filled = entry.path("filled");
    if (!filled.isArray() || filled.isEmpty()) {
      return original;
    }
    Path copy = Files.createTempDirectory(tmp, "entry-");
    Path source = original.getParent();
    if (entry.get("file").asString().startsWith("klipper-config/")) {
      Files.copy(original, copy.resolve(original.getFileName()));
    } else {
      try (Stream<Path> walk = Files.walk(source)) {
        for (Path p : walk.toList()) {
          Path target = copy.resolve(source.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        }
      }
    }
    Path main = copy.resolve(original.getFileName());
    StringBuilder fill = new StringBuilder("\n");
    for (JsonNode f : filled) {
      String option = f.get(1).asString();
      fill.append('[')
          .append(f.get(0).asString())
          .append("]\n")
          .append(option)
          .append(": ")
          .append(FILLED.getOrDefault(option, "PA1"))
          .append('\n');
    }
    String text = Files.readString(main, StandardCharsets.UTF_8);
    int block = text.indexOf("\n#*# <---------------------- SAVE_CONFIG");
    text = block < 0 ? text + fill : text.substring(0, block) + fill + text.substring(block);
    Files.writeString(main, text, StandardCharsets.UTF_8);
    return main;
  }
}
