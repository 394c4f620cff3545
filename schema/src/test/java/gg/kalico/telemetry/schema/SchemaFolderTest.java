package gg.kalico.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema folder (this module's root) passes every check for every published major, and the
 * checks catch what a maintainer can get wrong when a second major appears: shown on a copy of the
 * folder where {@code schema new-major} made version 2.
 */
class SchemaFolderTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Path HERE = Path.of(".");

  @TempDir Path tmp;

  @Test
  void everyPublishedMajorPassesEveryCheck() {
    assertThat(SchemaChecks.check(HERE)).isEmpty();
    assertThat(SchemaCatalog.fromDirectory(HERE).majors())
        .as("the class path publishes what the folder holds")
        .isEqualTo(SchemaCatalog.published().majors());
  }

  @TestFactory
  Stream<DynamicTest> everyExampleOfEveryMajorIsJudgedAsItsFolderSays() throws IOException {
    SchemaCatalog catalog = SchemaCatalog.fromDirectory(HERE);
    List<DynamicTest> tests = new java.util.ArrayList<>();
    for (int major : catalog.majors()) {
      TelemetrySchema schema = catalog.load(major);
      for (String kind : List.of("valid", "invalid")) {
        try (Stream<Path> files = Files.list(Path.of("examples", "" + major, kind))) {
          for (Path p : files.sorted().toList()) {
            tests.add(
                DynamicTest.dynamicTest(
                    major + "/" + kind + "/" + p.getFileName(),
                    () ->
                        assertThat(schema.validate(JSON.readTree(p.toFile())).isEmpty())
                            .isEqualTo(kind.equals("valid"))));
          }
        }
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(13);
    return tests.stream();
  }

  @Test
  void violationsNameTheFieldTheRuleIsAbout() {
    TelemetrySchema schema = TelemetrySchema.load(1);
    assertThat(
            schema.validate(
                JSON.readTree("{\"schema_version\":1,\"system\":{\"cpu\":{\"cores\":0}}}")))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("/system/cpu/cores");
              assertThat(v.keyword()).isEqualTo("minimum");
              assertThat(v.topLevelKey()).isEqualTo("system");
            });
    assertThat(
            schema.validate(
                JSON.readTree("{\"schema_version\":1,\"system\":{\"kernel_release\":\"6.1\"}}")))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.keyword()).isEqualTo("additionalProperties");
              assertThat(v.field())
                  .as("the extra property is named")
                  .isEqualTo("/system/kernel_release");
            });
    assertThat(
            schema.validate(
                JSON.readTree("{\"schema_version\":1,\"machine\":{\"id_source\":\"generated\"}}")))
        .anySatisfy(
            v -> {
              assertThat(v.keyword()).isEqualTo("required");
              assertThat(v.field()).as("the missing property is named").isEqualTo("/machine/id");
            });
  }

  @Test
  void anUnpublishedMajorIsRefusedNamingThePublishedOnes() {
    assertThatThrownBy(() -> TelemetrySchema.load(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema version 7 is not published")
        .hasMessageContaining("published: " + SchemaCatalog.published().describeMajors());
  }

  /** A copy of this folder, without build output, for a test to change. */
  private Path copy() throws IOException {
    return SchemaReleases.copyFolder(HERE, tmp.resolve("schema"));
  }

  private static ObjectNode json(Path p) throws IOException {
    return (ObjectNode) JSON.readTree(p.toFile());
  }

  private static void write(Path p, JsonNode json) throws IOException {
    Files.writeString(p, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
  }

  @Test
  void aNewMajorIsCheckedLikeTheFirstAndNeedsARelease() throws IOException {
    Path dir = copy();
    int next = SchemaCatalog.fromDirectory(dir).current() + 1;
    SchemaReleases.newMajor(dir);

    assertThat(SchemaCatalog.fromDirectory(dir).current()).isEqualTo(next);
    assertThat(SchemaChecks.check(dir))
        .containsExactly(
            "released/ has no telemetry-"
                + next
                + ".M.json: run `schema release` when major "
                + next
                + " is ready");
    assertThat(SchemaReleases.release(dir, next).written())
        .contains(dir.resolve("released/telemetry-" + next + ".0.json"));
    assertThat(SchemaChecks.check(dir)).isEmpty();
    assertThat(SchemaReleases.release(dir, next).written()).as("nothing changed").isEmpty();
  }

  @Test
  void aLeafWithoutPrivacyClassInTheNewMajorIsCaught() throws IOException {
    Path dir = copy();
    SchemaReleases.newMajor(dir);
    int next = SchemaCatalog.fromDirectory(dir).current();
    Path file = dir.resolve(TelemetrySchema.fileName(next));
    ObjectNode schema = json(file);
    ((ObjectNode) schema.at("/properties/system/properties/kernel")).remove("x-privacy");
    write(file, schema);

    assertThat(SchemaChecks.check(dir))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        TelemetrySchema.fileName(next)
                            + " /properties/system/properties/kernel: every leaf"
                            + " needs x-privacy"));
  }

  @Test
  void anInvalidExampleThatTheNewMajorAcceptsIsCaught() throws IOException {
    Path dir = copy();
    SchemaReleases.newMajor(dir);
    int next = SchemaCatalog.fromDirectory(dir).current();
    Path wrong = dir.resolve("examples/" + next + "/invalid/wrong-version.json");
    write(wrong, JSON.readTree("{\"schema_version\": " + next + "}"));

    assertThat(SchemaChecks.check(dir))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "examples/"
                            + next
                            + "/invalid/wrong-version.json should be refused by "
                            + TelemetrySchema.fileName(next)
                            + " but is valid: fix the example or the schema"));
    assertThat(
            TelemetrySchema.load(1).validate(JSON.readTree("{\"schema_version\": " + next + "}")))
        .as("still wrong for major 1")
        .isNotEmpty();
  }

  @Test
  void aRenameWithoutItsMigrationAndAStaleProfilePointerAreCaught() throws IOException {
    Path dir = copy();
    SchemaReleases.newMajor(dir);
    int next = SchemaCatalog.fromDirectory(dir).current();
    Path file = dir.resolve(TelemetrySchema.fileName(next));
    ObjectNode schema = json(file);
    ObjectNode system = (ObjectNode) schema.at("/properties/system/properties");
    system.set("kernel_version", system.remove("kernel_build"));
    write(file, schema);

    List<String> problems = SchemaChecks.check(dir);
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "migrations/telemetry-"
                            + (next - 1)
                            + "-to-"
                            + next
                            + ".json turns examples/"
                            + (next - 1)
                            + "/valid/full.json into a document major "
                            + next
                            + " refuses: /system/kernel_build"));
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        WireMapping.FILE
                            + " takes 'platform.version' from /system/kernel_build, which "
                            + TelemetrySchema.fileName(next)
                            + " does not define: point it at the field that holds"
                            + " it now"));
  }

  /** The files under released/, by name. */
  private static List<String> released(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("released"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The minor the next release of major 1 gets, whatever releases exist. */
  private static int nextMinor(Path dir) {
    return SchemaChecks.lastRelease(dir, 1).map(SchemaChecks::releaseMinor).orElse(-1) + 1;
  }

  /** Edits major 1 of a copy with {@code edit}; the release must refuse, saying {@code why}. */
  private void refusedRelease(java.util.function.Consumer<ObjectNode> edit, String... why)
      throws IOException {
    Path dir = copy();
    List<String> before = released(dir);
    Path file = dir.resolve(TelemetrySchema.fileName(1));
    ObjectNode schema = json(file);
    edit.accept(schema);
    write(file, schema);

    var refused =
        assertThatThrownBy(() -> SchemaReleases.release(dir, 1))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("schema new-major");
    for (String w : why) {
      refused.hasMessageContaining(w);
    }
    assertThat(released(dir)).isEqualTo(before);
  }

  @Test
  void aBreakingChangeIsNeverReleasedWithinItsMajor() throws IOException {
    refusedRelease(
        s -> ((ObjectNode) s.at("/properties/system/properties")).remove("kernel"),
        "property 'kernel' removed",
        "refuses documents of the old one");
  }

  @Test
  void aWiderBoundBreaksReceiversOnTheLastReleaseSoItIsNotAMinor() throws IOException {
    refusedRelease(
        s ->
            ((ObjectNode) s.at("/properties/system/properties/cpu/properties/cores"))
                .put("maximum", 8192),
        "maximum relaxed from 4096 to 8192",
        "a receiver on the old schema refuses documents of the new one");
  }

  @Test
  void aCompatibleChangeIsTheNextMinorRelease() throws IOException {
    Path dir = copy();
    int next = nextMinor(dir);
    Path file = dir.resolve(TelemetrySchema.fileName(1));
    ObjectNode schema = json(file);
    ((ObjectNode) schema.at("/properties/system/properties/kernel"))
        .put("description", "Kernel release, as uname -r prints it.");
    write(file, schema);

    assertThat(SchemaReleases.release(dir, 1).written())
        .contains(dir.resolve("released/telemetry-1." + next + ".json"));
    assertThat(SchemaCatalog.fromDirectory(dir).minor(1)).isEqualTo(next);
    assertThat(SchemaChecks.check(dir)).isEmpty();
  }

  @Test
  void anAddedOptionalFieldIsReleasedAndEveryCheckStillPassesTwice() throws IOException {
    Path dir = copy();
    int next = nextMinor(dir);
    Path file = dir.resolve(TelemetrySchema.fileName(1));
    ObjectNode schema = json(file);
    ObjectNode cpu = (ObjectNode) schema.at("/properties/system/properties/cpu");
    ((ObjectNode) cpu.get("properties"))
        .set(
            "max_mhz",
            JsonMapper.shared()
                .readTree(
                    """
        {"description": "Highest clock of the CPU in MHz.", "type": "integer", "minimum": 1,
         "maximum": 100000, "x-privacy": "system-fact"}"""));
    cpu.put("maxProperties", cpu.get("maxProperties").asInt() + 1);
    write(file, schema);
    Path full = dir.resolve(SchemaChecks.FULL_EXAMPLE.formatted(1));
    ObjectNode example = json(full);
    ((ObjectNode) example.at("/system/cpu")).put("max_mhz", 2400);
    write(full, example);

    assertThat(SchemaReleases.release(dir, 1).written())
        .contains(dir.resolve("released/telemetry-1." + next + ".json"));
    assertThat(SchemaChecks.check(dir)).isEmpty();
    // the next maintainer's release on top of it
    ObjectNode again = json(file);
    ((ObjectNode) again.at("/properties/system/properties/cpu/properties/max_mhz"))
        .put("description", "Highest clock, MHz.");
    write(file, again);
    assertThat(SchemaReleases.release(dir, 1).written())
        .contains(dir.resolve("released/telemetry-1." + (next + 1) + ".json"));
    assertThat(SchemaChecks.check(dir)).isEmpty();
  }
}
