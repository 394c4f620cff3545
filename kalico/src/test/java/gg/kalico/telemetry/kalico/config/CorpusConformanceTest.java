package gg.kalico.telemetry.kalico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.testing.ConformanceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every entry file of the shared corpus gives exactly the names (and order) Kalico's own parser
 * gives, or is refused when Kalico refuses it.
 */
class CorpusConformanceTest {
  private static final JsonMapper JSON = JsonMapper.shared();

  @TestFactory
  Stream<DynamicTest> everyCorpusEntryMatchesKalico() throws IOException {
    Path corpus = ConformanceFiles.corpus();
    List<Path> expectations;
    try (Stream<Path> walk = Files.walk(corpus)) {
      expectations =
          walk.filter(p -> p.getFileName().toString().endsWith(".cfg.expected.json"))
              .filter(p -> !corpus.relativize(p).startsWith("save-config"))
              .sorted()
              .toList();
    }
    assertThat(expectations).hasSizeGreaterThanOrEqualTo(285);
    return expectations.stream()
        .map(exp -> DynamicTest.dynamicTest(corpus.relativize(exp).toString(), () -> check(exp)));
  }

  @Test
  void corpusHasBothAcceptedAndRejectedEntries() throws IOException {
    Path corpus = ConformanceFiles.corpus();
    long rejected;
    try (Stream<Path> walk = Files.walk(corpus.resolve("edge-cases"))) {
      rejected =
          walk.filter(p -> p.toString().endsWith(".expected.json"))
              .filter(p -> JSON.readTree(p.toFile()).has("error"))
              .count();
    }
    assertThat(rejected).isGreaterThan(5);
  }

  private static void check(Path expectation) throws IOException {
    String name = expectation.getFileName().toString();
    Path cfg =
        expectation.resolveSibling(name.substring(0, name.length() - ".expected.json".length()));
    JsonNode expected = JSON.readTree(expectation.toFile());
    KalicoConfigReader reader = new KalicoConfigReader();
    if (expected.has("error")) {
      assertThatThrownBy(() -> reader.read(cfg))
          .as("Kalico refuses %s: %s", cfg, expected.get("error").asString())
          .isInstanceOf(ConfigFileException.class);
      return;
    }
    Map<String, List<String>> want = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : expected.get("config").properties()) {
      List<String> options = new ArrayList<>();
      e.getValue().forEach(o -> options.add(o.asString()));
      want.put(e.getKey(), options);
    }
    Map<String, List<String>> got = reader.read(cfg).names().sections();
    assertThat(new ArrayList<>(got.keySet()))
        .as("section order")
        .isEqualTo(new ArrayList<>(want.keySet()));
    assertThat(got).as("options per section").containsExactlyEntriesOf(want);
  }
}
