package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.schema.CollectedPage;
import gg.kalico.telemetry.schema.PrivacyClasses;
import gg.kalico.telemetry.schema.TelemetrySchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/what-is-collected.md is what `schema docs` generates from the schema and the example
 * plugins, and it covers every field; `schema print` and `schema diff` work as a user runs them.
 */
class CollectedPageTest {
  @TempDir Path tmp;

  private Path examplePlugins() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("plugins"));
    for (String name : PluginsCliTest.EXAMPLES) {
      Files.copy(PluginsCliTest.builtJar(name), dir.resolve(name + ".jar"));
    }
    return dir;
  }

  @Test
  void theCommittedPageIsUpToDate() throws Exception {
    Path out = tmp.resolve("page.md");
    CliRun run =
        CliRun.inProcess(
            "schema", "docs", "--plugins", examplePlugins().toString(), "--output", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readString(Path.of("..", "docs", "what-is-collected.md")))
        .as(
            "docs/what-is-collected.md is stale: run ./kalico-telemetry schema docs --plugins"
                + " DIR with the built example plugins")
        .isEqualTo(Files.readString(out));
  }

  @Test
  void thePageCoversEveryFieldWithItsPrivacyClass() throws Exception {
    String page = Files.readString(Path.of("..", "docs", "what-is-collected.md"));
    JsonNode schema =
        JsonMapper.shared().readTree(Path.of("..", "schema", TelemetrySchema.fileName(1)).toFile());
    List<CollectedPage.Field> fields = CollectedPage.fields(schema, schema, "", null);
    assertThat(fields).hasSizeGreaterThan(20);
    for (CollectedPage.Field f : fields) {
      String path = f.path().substring(1);
      assertThat(page).as(path).contains("| `" + path + "` |");
      assertThat(PrivacyClasses.known(f.privacy())).as(path + " privacy").isTrue();
    }
    assertThat(page)
        .contains(
            "`extensions.macro-packs.packs[]`", "`extensions.board.memory`", "## Never collected");
  }

  @Test
  void schemaPrintAndDiffAsAUserRunsThem() throws Exception {
    CliRun print = CliRun.inProcess("schema", "print");
    assertThat(print.exit()).isZero();
    assertThat(JsonMapper.shared().readTree(print.out()).path("properties").has("machine"))
        .isTrue();
    assertThat(CliRun.inProcess("schema", "print", "--major", "7").exit()).isEqualTo(2);

    Path examples = Path.of("..", "schema", "compat-examples");
    CliRun breaking =
        CliRun.inProcess(
            "schema",
            "diff",
            examples.resolve("04-property-removed/old.json").toString(),
            examples.resolve("04-property-removed/new.json").toString());
    assertThat(breaking.exit()).isEqualTo(1);
    assertThat(breaking.out()).contains("/properties/count: breaking", "publish them as version 1");
    CliRun fine =
        CliRun.inProcess(
            "schema",
            "diff",
            examples.resolve("03-property-added/old.json").toString(),
            examples.resolve("03-property-added/new.json").toString());
    assertThat(fine.exit()).isZero();
    assertThat(fine.out()).contains("compatible");
    Files.writeString(tmp.resolve("bad.json"), "{ not json");
    CliRun bad =
        CliRun.inProcess(
            "schema",
            "diff",
            tmp.resolve("bad.json").toString(),
            tmp.resolve("bad.json").toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("bad.json is not valid JSON");
  }
}
