package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.FrameworkVersion;
import gg.kalico.telemetry.core.testing.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example plugins, built by this build as PF4J jars, loaded from a plugins directory; and
 * broken plugins built in the test, each of which loses only itself.
 */
class PluginsCliTest {
  static final Path BUILT = Path.of("..", "plugins").toAbsolutePath().normalize();
  static final List<String> EXAMPLES = List.of("macro-packs", "board", "outbox");

  /** The example plugins carry the project's version, stamped by the build. */
  private static final String V = FrameworkVersion.current();

  /** The jar the build made for the example plugin in {@code plugins/<name>}. */
  static Path builtJar(String name) {
    return BUILT
        .resolve(name)
        .resolve("target")
        .resolve("telemetry-plugin-" + name + "-" + V + ".jar");
  }

  @TempDir Path tmp;

  private Path plugins;
  private Path cfg;

  @BeforeEach
  void setUp() throws Exception {
    plugins = Files.createDirectories(tmp.resolve("plugins"));
    for (String name : EXAMPLES) {
      Path jar = builtJar(name);
      assertThat(jar).as("built by the plugins modules before the cli tests").exists();
      Files.copy(jar, plugins.resolve(jar.getFileName()));
    }
    cfg = tmp.resolve("printer.cfg");
    Files.writeString(
        cfg,
        "[printer]\nkinematics: corexy\n[gcode_macro _KAMP_Settings]\n"
            + "gcode:\n[gcode_macro START]\ngcode: G28\n");
    Path root = Files.createDirectories(tmp.resolve("root/proc/device-tree"));
    Files.writeString(root.resolve("model"), "Raspberry Pi 4 Model B Rev 1.4\0");
    Files.writeString(tmp.resolve("root/proc/meminfo"), "MemTotal: 1900000 kB\n");
  }

  private CliRun show(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "show",
                "--config",
                cfg.toString(),
                "--plugins",
                plugins.toString(),
                "--system-root",
                tmp.resolve("root").toString()));
    args.addAll(List.of(extra));
    return CliRun.inProcess(args.toArray(String[]::new));
  }

  private CliRun pluginsCommand() {
    return CliRun.inProcess(
        "plugins",
        "--config",
        cfg.toString(),
        "--plugins",
        plugins.toString(),
        "--system-root",
        tmp.resolve("root").toString());
  }

  @Test
  void theExamplePluginsAddTheirSectionsAndTransport() {
    CliRun run = show();
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("warning");
    JsonNode ext = JsonMapper.shared().readTree(run.out()).get("extensions");
    assertThat(ext.get("macro-packs").get("packs").toString()).isEqualTo("[\"kamp\"]");
    assertThat(ext.get("macro-packs").get("gcode_macros").asInt()).isEqualTo(2);
    assertThat(ext.get("board").get("model").asString())
        .isEqualTo("Raspberry Pi 4 Model B Rev 1.4");
    assertThat(ext.get("board").get("memory").asString()).isEqualTo("2GB");

    CliRun list = pluginsCommand();
    assertThat(list.out())
        .contains(
            "board " + V + "  STARTED",
            "macro-packs " + V + "  STARTED",
            "outbox " + V + "  STARTED",
            "sections:   extensions/board",
            "transports: outbox",
            "transports: https, file, stdout, outbox");
  }

  @Test
  void pluginJarsCarryNoClassesTheHostShips() throws IOException {
    for (String name : EXAMPLES) {
      try (JarFile jar = new JarFile(builtJar(name).toFile())) {
        assertThat(jar.stream().map(e -> e.getName()))
            .as(name)
            .noneMatch(
                n ->
                    n.startsWith("gg/kalico/telemetry/spi/")
                        || n.startsWith("org/pf4j/")
                        || n.startsWith("tools/jackson/")
                        || n.startsWith("com/fasterxml/")
                        || n.startsWith("com/google/inject/")
                        || n.startsWith("org/slf4j/")
                        || n.startsWith("jakarta/inject/"))
            .contains("plugin.properties", "META-INF/extensions.idx");
      }
    }
  }

  @Test
  void pluginsAreDisabledByIdInTheDirectoryOrOnTheCommandLine() throws Exception {
    Files.writeString(plugins.resolve("disabled.txt"), "board\n");
    CliRun run = show("--disable-plugin", "macro-packs");
    JsonNode doc = JsonMapper.shared().readTree(run.out());
    assertThat(doc.has("extensions")).isFalse();
    assertThat(pluginsCommand().out()).contains("board " + V + "  DISABLED");
  }

  static String collector(String pkg, String key, String body, String schema) {
    return """
        package %s;
        import gg.kalico.telemetry.spi.collector.*;
        import org.pf4j.Extension;
        @Extension
        public class Broken implements Collector {
          @Override public String section() { return "%s"; }
          @Override public java.util.Optional<String> sectionSchema() {
            return java.util.Optional.ofNullable(%s);
          }
          @Override public Section collect(CollectorContext context) { %s }
        }
        """
        .formatted(
            pkg, key, schema == null ? "null" : "\"" + schema.replace("\"", "\\\"") + "\"", body);
  }

  static final String GOOD_SCHEMA =
      "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\","
          + " \"type\": \"object\", \"additionalProperties\": false, \"maxProperties\": 2,"
          + " \"properties\": {\"n\": {\"type\": \"integer\", \"maximum\": 10, \"x-privacy\": \"count\"},"
          + " \"blob\": {\"type\": \"string\", \"maxLength\": 100000, \"pattern\": \"^x{0,100000}$\","
          + " \"x-privacy\": \"closed-set\"}}}";

  private void broken(String id, String key, String body, String schema) throws IOException {
    PluginJarBuilder.plugin(id)
        .source(
            "broken.p_" + id.replace('-', '_') + ".Broken",
            collector("broken.p_" + id.replace('-', '_'), key, body, schema))
        .buildInto(plugins);
  }

  @Test
  void eachBrokenPluginLosesOnlyItself() throws Exception {
    broken("throws", "throws", "throw new IllegalStateException(\"boom\");", GOOD_SCHEMA);
    broken(
        "hangs",
        "hangs",
        "try { Thread.sleep(5000); } catch (InterruptedException e) { }"
            + " return Section.builder().put(\"n\", 1).build();",
        GOOD_SCHEMA);
    broken(
        "too-big",
        "too_big",
        "return Section.builder().put(\"blob\", \"x\".repeat(20000))" + ".build();",
        GOOD_SCHEMA);
    broken(
        "off-schema",
        "off_schema",
        "return Section.builder().put(\"n\", 11).build();",
        GOOD_SCHEMA);
    broken("core-key", "system", "return Section.builder().put(\"n\", 1).build();", GOOD_SCHEMA);
    broken("no-schema", "no_schema", "return Section.builder().put(\"n\", 1).build();", null);
    broken(
        "open-schema",
        "open_schema",
        "return Section.builder().put(\"n\", 1).build();",
        GOOD_SCHEMA.replace("\"additionalProperties\": false, ", ""));
    broken(
        "free-text",
        "free_text",
        "return Section.builder().put(\"n\", 1).build();",
        GOOD_SCHEMA.replace(", \"pattern\": \"^x{0,100000}$\"", ""));
    PluginJarBuilder.plugin("future")
        .requires(">=99.0.0")
        .source(
            "broken.future.Broken",
            collector(
                "broken.future",
                "future",
                "return Section.builder().put(\"n\", 1).build();",
                GOOD_SCHEMA))
        .buildInto(plugins);
    PluginJarBuilder.plugin("missing-class")
        .descriptor(
            "plugin.id=missing-class\nplugin.version=1.0.0\n"
                + "plugin.class=broken.nowhere.Plugin\n")
        .source(
            "broken.mc.Broken",
            collector(
                "broken.mc", "mc", "return Section.builder().put(\"n\", 1).build();", GOOD_SCHEMA))
        .buildInto(plugins);
    PluginJarBuilder.plugin("no-id")
        .descriptor("plugin.version=1.0.0\n")
        .source(
            "broken.noid.Broken",
            collector(
                "broken.noid",
                "noid",
                "return Section.builder().put(\"n\", 1).build();",
                GOOD_SCHEMA))
        .buildInto(plugins);
    PluginJarBuilder.plugin("board")
        .version("9.9.9")
        .source(
            "broken.dup.Broken",
            collector(
                "broken.dup",
                "dup",
                "return Section.builder().put(\"n\", 1).build();",
                GOOD_SCHEMA))
        .buildInto(plugins);

    CliRun run = show();
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode doc = JsonMapper.shared().readTree(run.out());
    JsonNode ext = doc.get("extensions");
    // the good plugins and the core are untouched
    assertThat(doc.get("config").has("printer")).isTrue();
    assertThat(doc.has("system")).isTrue();
    assertThat(ext.has("macro-packs")).isTrue();
    assertThat(ext.has("board")).isTrue();
    assertThat(ext.get("board").has("n")).as("the duplicate id did not replace board").isFalse();
    assertThat(ext.propertyNames()).containsExactlyInAnyOrder("macro-packs", "board");
    assertThat(run.err())
        .contains(
            "extensions/throws' left out (threw)",
            "extensions/hangs' left out (timed_out)",
            "500 ms",
            "extensions/too-big' left out (too_large)",
            "extensions/off-schema' left out (invalid)",
            "/extensions/off-schema/n");

    CliRun list = pluginsCommand();
    assertThat(list.out())
        .as(list.err())
        .contains(
            "core-key 1.0.0  REJECTED", "collides with the core section",
            "no-schema 1.0.0  REJECTED", "no section schema",
            "open-schema 1.0.0  REJECTED", "rule 'additionalProperties' at /",
            "free-text 1.0.0  REJECTED", "rule 'maxLength' at /properties/blob",
            "future 1.0.0  NOT_STARTED",
                "Plugin-Requires >=99.0.0 is not met: this host runs "
                    + gg.kalico.telemetry.core.FrameworkVersion.current(),
            "left out:   threw", "left out:   timed_out");
    assertThat(list.out())
        .contains(
            "missing-class 1.0.0  FAILED",
            "plugin class 'broken.nowhere.Plugin' could not be loaded")
        .contains("board 9.9.9  NOT_LOADED", "has the id of another plugin")
        .containsPattern("no-id-1.0.0-\\d+\\.jar \\?  NOT_LOADED")
        .contains("invalid descriptor");
  }
}
