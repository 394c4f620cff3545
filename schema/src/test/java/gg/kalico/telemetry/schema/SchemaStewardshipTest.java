package gg.kalico.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compatibility checker gives the expected verdict on every committed example pair and names
 * the pointer and the reason (the checks on the published majors themselves are in {@link
 * SchemaFolderTest}).
 */
class SchemaStewardshipTest {
  private static final JsonMapper JSON = JsonMapper.shared();

  /**
   * The verdict as an {@code expected} file states it: {@code compatible}, {@code unknown}, or
   * {@code breaking: } and which documents break ({@code old documents}, {@code new documents},
   * {@code both}).
   */
  static String verdict(List<SchemaChange> changes) {
    boolean old =
        changes.stream()
            .anyMatch(
                c ->
                    c.verdict() == SchemaChange.Verdict.BREAKING
                        && c.direction() != SchemaChange.Direction.NEW_DOCUMENTS);
    boolean now =
        changes.stream()
            .anyMatch(
                c ->
                    c.verdict() == SchemaChange.Verdict.BREAKING
                        && c.direction() != SchemaChange.Direction.OLD_DOCUMENTS);
    if (old || now) {
      return "breaking: " + (old && now ? "both" : old ? "old documents" : "new documents");
    }
    if (changes.stream().anyMatch(c -> c.verdict() == SchemaChange.Verdict.UNKNOWN)) {
      return "unknown";
    }
    return "compatible";
  }

  @TestFactory
  Stream<DynamicTest> everyExamplePairGetsItsExpectedVerdict() throws IOException {
    List<Path> pairs;
    try (Stream<Path> s = Files.list(Path.of("compat-examples"))) {
      pairs = s.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(pairs).hasSizeGreaterThanOrEqualTo(20);
    return pairs.stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(),
                    () -> {
                      List<SchemaChange> changes =
                          SchemaDiff.compare(
                              JSON.readTree(dir.resolve("old.json").toFile()),
                              JSON.readTree(dir.resolve("new.json").toFile()));
                      assertThat(verdict(changes))
                          .as(changes.toString())
                          .isEqualTo(Files.readString(dir.resolve("expected")).strip());
                    }));
  }

  @Test
  void changesNameTheirPointerAndReason() throws IOException {
    JsonNode old = JSON.readTree(Path.of("compat-examples/04-property-removed/old.json").toFile());
    JsonNode now = JSON.readTree(Path.of("compat-examples/04-property-removed/new.json").toFile());
    assertThat(SchemaDiff.compare(old, now))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.pointer()).isEqualTo("/properties/count");
              assertThat(c.verdict()).isEqualTo(SchemaChange.Verdict.BREAKING);
              assertThat(c.direction()).isEqualTo(SchemaChange.Direction.OLD_DOCUMENTS);
              assertThat(c.toString())
                  .contains(
                      "/properties/count: breaking (a receiver on the new"
                          + " schema refuses documents of the old one, so clients not yet updated lose reports):"
                          + " property 'count' removed");
            });
  }

  @Test
  void changesComeInTheDocumentedOrder() {
    JsonNode old =
        JSON.readTree(
            "{\"minimum\": 1, \"minLength\": 1, \"minItems\": 1,"
                + " \"minProperties\": 1, \"maximum\": 9, \"maxLength\": 9, \"maxItems\": 9,"
                + " \"maxProperties\": 9, \"required\": [\"z\", \"y\", \"x\", \"w\"]}");
    JsonNode now =
        JSON.readTree(
            "{\"minimum\": 0, \"minLength\": 0, \"minItems\": 0,"
                + " \"minProperties\": 0, \"maximum\": 10, \"maxLength\": 10, \"maxItems\": 10,"
                + " \"maxProperties\": 10, \"type\": \"object\"}");
    assertThat(SchemaDiff.compare(old, now))
        .extracting(SchemaChange::pointer)
        .containsExactly(
            "/type",
            "/required",
            "/required",
            "/required",
            "/required",
            "/minimum",
            "/minLength",
            "/minItems",
            "/minProperties",
            "/maximum",
            "/maxLength",
            "/maxItems",
            "/maxProperties");
    assertThat(SchemaDiff.compare(old, now))
        .filteredOn(c -> c.pointer().equals("/required"))
        .extracting(SchemaChange::reason)
        .containsExactly(
            "'z' is no longer required",
            "'y' is no longer required",
            "'x' is no longer required",
            "'w' is no longer required");
  }
}
