package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.testing.ConformanceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code show --config X} prints Kalico's config names for every corpus entry, and refuses what
 * Kalico refuses with exit 2 and one line, no stack trace.
 */
class CorpusCliTest {
  private static final JsonMapper JSON = JsonMapper.shared();

  @TestFactory
  Stream<DynamicTest> showPrintsKalicosNamesForEveryCorpusEntry() throws IOException {
    Path corpus = ConformanceFiles.corpus();
    List<Path> expectations;
    try (Stream<Path> walk = Files.walk(corpus)) {
      expectations =
          walk.filter(p -> p.toString().endsWith(".cfg.expected.json"))
              .filter(p -> !corpus.relativize(p).startsWith("save-config"))
              .sorted()
              .toList();
    }
    assertThat(expectations).hasSize(285);
    return expectations.stream()
        .map(exp -> DynamicTest.dynamicTest(corpus.relativize(exp).toString(), () -> check(exp)));
  }

  private static void check(Path expectation) throws IOException {
    String name = expectation.getFileName().toString();
    Path cfg =
        expectation.resolveSibling(name.substring(0, name.length() - ".expected.json".length()));
    JsonNode expected = JSON.readTree(expectation.toFile());
    // the corpus is read-only: point --host-dir somewhere harmless; .machine-id is not needed
    // because this machine has a valid /etc/machine-id, or the machine section fails alone
    CliRun run =
        CliRun.inProcess(
            "show", "--config", cfg.toString(), "--host-dir", cfg.getParent().toString());
    if (expected.has("error")) {
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("error: ")
          .doesNotContain("Exception");
      return;
    }
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode config = JSON.readTree(run.out()).get("config");
    List<Map.Entry<String, JsonNode>> got = new ArrayList<>(config.properties());
    List<Map.Entry<String, JsonNode>> want = new ArrayList<>(expected.get("config").properties());
    assertThat(got).isEqualTo(want);
  }
}
