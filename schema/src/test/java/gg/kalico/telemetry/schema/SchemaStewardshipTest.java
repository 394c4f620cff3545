package gg.kalico.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published schema may only change in ways that keep every document the last released
 * state of its major version accepted; every leaf carries a privacy class; the checker gives the
 * expected verdict on every committed example pair.
 */
class SchemaStewardshipTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Pattern RELEASED = Pattern.compile("telemetry-(\\d+)\\.(\\d+)\\.json");

  static String verdict(List<SchemaChange> changes) {
    if (changes.stream().anyMatch(c -> c.verdict() == SchemaChange.Verdict.BREAKING)) {
      return "breaking";
    }
    if (changes.stream().anyMatch(c -> c.verdict() == SchemaChange.Verdict.UNKNOWN)) {
      return "unknown";
    }
    return "compatible";
  }

  @Test
  void theWorkingSchemaKeepsAcceptingWhatItsLastReleaseAccepted() throws IOException {
    Map<Integer, Path> lastRelease = new TreeMap<>();
    Map<Integer, Integer> lastMinor = new TreeMap<>();
    try (Stream<Path> released = Files.list(Path.of("released"))) {
      for (Path p : released.toList()) {
        Matcher m = RELEASED.matcher(p.getFileName().toString());
        if (m.matches()) {
          int major = Integer.parseInt(m.group(1));
          int minor = Integer.parseInt(m.group(2));
          if (minor >= lastMinor.getOrDefault(major, -1)) {
            lastMinor.put(major, minor);
            lastRelease.put(major, p);
          }
        }
      }
    }
    assertThat(lastRelease).containsKey(TelemetrySchema.CURRENT_MAJOR);
    for (Map.Entry<Integer, Path> e : lastRelease.entrySet()) {
      JsonNode released = JSON.readTree(e.getValue().toFile());
      JsonNode working = JSON.readTree(Path.of(TelemetrySchema.fileName(e.getKey())).toFile());
      List<SchemaChange> breaking = SchemaDiff.compare(released, working).stream()
          .filter(SchemaChange::breaks).toList();
      assertThat(breaking).as("%s breaks %s; publish telemetry-%d.schema.json as a new major"
          + " instead: %s", TelemetrySchema.fileName(e.getKey()), e.getValue(), e.getKey() + 1,
          breaking).isEmpty();
    }
  }

  @Test
  void everyLeafOfThePublishedSchemaHasAPrivacyClass() throws IOException {
    JsonNode schema = JSON.readTree(Path.of(TelemetrySchema.fileName(1)).toFile());
    assertThat(PrivacyClasses.missing(schema)).isEmpty();
    JsonNode stripped = JSON.readTree(Files.readString(Path.of(TelemetrySchema.fileName(1)))
        .replace("\"x-privacy\": \"count\"", "\"x-privacy\": \"whatever\""));
    assertThat(PrivacyClasses.missing(stripped)).extracting(SchemaViolation::pointer)
        .contains("/properties/system/properties/cpu/properties/cores");
  }

  @TestFactory
  Stream<DynamicTest> everyExamplePairGetsItsExpectedVerdict() throws IOException {
    List<Path> pairs;
    try (Stream<Path> s = Files.list(Path.of("compat-examples"))) {
      pairs = s.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(pairs).hasSizeGreaterThanOrEqualTo(20);
    return pairs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      List<SchemaChange> changes = SchemaDiff.compare(JSON.readTree(dir.resolve("old.json")
          .toFile()), JSON.readTree(dir.resolve("new.json").toFile()));
      assertThat(verdict(changes)).as(changes.toString())
          .isEqualTo(Files.readString(dir.resolve("expected")).strip());
    }));
  }

  @Test
  void changesNameTheirPointerAndReason() throws IOException {
    JsonNode old = JSON.readTree(Path.of("compat-examples/04-property-removed/old.json").toFile());
    JsonNode now = JSON.readTree(Path.of("compat-examples/04-property-removed/new.json").toFile());
    assertThat(SchemaDiff.compare(old, now)).singleElement().satisfies(c -> {
      assertThat(c.pointer()).isEqualTo("/properties/count");
      assertThat(c.verdict()).isEqualTo(SchemaChange.Verdict.BREAKING);
      assertThat(c.toString()).contains("/properties/count: breaking: property 'count' removed");
    });
  }
}
