package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.schema.SchemaReleases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collectors produce for the major asked: with a schema folder holding a version 2 that removes
 * {@code system.kernel_build}, the built-in collectors' output is carried to each major and valid
 * there; an unknown major is refused naming the published ones; and the kalico profile, whose
 * mapping still points at the removed field, reports it left out instead of guessing.
 */
class SchemaMajorsTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Path SCHEMA = Path.of("..", "schema");

  @TempDir Path tmp;

  private Path dir;
  private Path cfg;

  @BeforeEach
  void version2() throws IOException {
    dir = SchemaReleases.copyFolder(SCHEMA, tmp.resolve("schema"));
    SchemaReleases.newMajor(dir);
    Path file = dir.resolve("telemetry-2.schema.json");
    ObjectNode schema = (ObjectNode) JSON.readTree(file.toFile());
    ((ObjectNode) schema.at("/properties/system/properties")).remove("kernel_build");
    Files.writeString(file, JSON.writeValueAsString(schema));
    Files.writeString(
        dir.resolve("migrations/telemetry-1-to-2.json"),
        "{\"operations\": [{\"op\": \"remove\", \"path\": \"/system/kernel_build\"}]}");
    cfg = Files.writeString(tmp.resolve("printer.cfg"), "[printer]\nkinematics: corexy\n");
  }

  private CliRun show(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("show", "--config", cfg.toString(), "--schema-dir", dir.toString()));
    args.addAll(List.of(extra));
    return CliRun.inProcess(args.toArray(String[]::new));
  }

  @Test
  void eachMajorIsProducedAndValidThere() {
    SchemaCatalog catalog = SchemaCatalog.fromDirectory(dir);
    assertThat(catalog.majors()).containsExactly(1, 2);
    for (int major : catalog.majors()) {
      CliRun run = show("--schema-major", String.valueOf(major));
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.err()).doesNotContain("warning:");
      JsonNode doc = JSON.readTree(run.out());
      assertThat(doc.get("schema_version").asInt()).isEqualTo(major);
      assertThat(catalog.load(major).validate(doc)).isEmpty();
      assertThat(doc.path("system").has("kernel_build")).isEqualTo(major == 1);
      assertThat(doc.path("config").has("printer")).isTrue();
    }
  }

  @Test
  void withoutAnOptionTheNewestMajorIsProduced() {
    CliRun run = show();
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(JSON.readTree(run.out()).get("schema_version").asInt()).isEqualTo(2);
  }

  @Test
  void anUnknownMajorIsRefusedNamingThePublishedOnes() {
    CliRun run = show("--schema-major", "3");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("--schema-major 3: schema version 3 is not published in", "published: 1, 2");

    CliRun published = CliRun.inProcess("show", "--config", cfg.toString(), "--schema-major", "2");
    assertThat(published.exit()).isEqualTo(2);
    assertThat(published.err())
        .contains(
            "schema version 2 is not published by this build",
            "published: " + SchemaCatalog.published().describeMajors());
  }

  @Test
  void theKalicoProfileReportsAFieldItCannotMapAndLeavesItOut() {
    CliRun run = show("--schema-major", "2", "--profile", "kalico");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "warning: left out of the kalico profile: platform.version:"
                + " the kalico profile takes 'platform.version' from /system/kernel_build, which schema"
                + " major 2 does not define; update profiles/kalico-wire.json");
    JsonNode kalico = JSON.readTree(run.out());
    assertThat(kalico.path("platform").has("version")).as("never a guessed value").isFalse();
    assertThat(kalico.path("platform").has("machine")).isTrue();

    CliRun v1 = show("--schema-major", "1", "--profile", "kalico");
    assertThat(v1.err()).doesNotContain("left out of the kalico profile");
    assertThat(JSON.readTree(v1.out()).path("platform").has("version")).isTrue();
  }
}
