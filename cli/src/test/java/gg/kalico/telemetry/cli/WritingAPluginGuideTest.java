package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.testing.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The code in docs/writing-a-plugin.md, taken from the page as written, builds a plugin that the
 * host loads and whose section appears as the page says.
 */
class WritingAPluginGuideTest {
  @TempDir Path tmp;

  @Test
  void theGuidesPluginWorksAsWritten() throws Exception {
    String page = Files.readString(Path.of("..", "docs", "writing-a-plugin.md"));
    List<String[]> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL).matcher(page);
    while (m.find()) {
      blocks.add(new String[] {m.group(1), m.group(2)});
    }
    String descriptor =
        blocks.stream().filter(b -> b[0].equals("properties")).findFirst().orElseThrow()[1];
    String collector =
        blocks.stream().filter(b -> b[0].equals("java")).findFirst().orElseThrow()[1];
    assertThat(descriptor).contains("plugin.id=hello-telemetry");

    Path plugins = tmp.resolve("plugins");
    PluginJarBuilder.plugin("hello-telemetry")
        .descriptor(descriptor)
        .source("com.example.hello.HelloCollector", collector)
        .buildInto(plugins);
    Path cfg = tmp.resolve("printer.cfg");
    Files.writeString(
        cfg,
        "[printer]\nkinematics: corexy\n[stepper_x]\nstep_pin: PA1\n"
            + "[stepper_y]\nstep_pin: PA2\n[stepper_z]\nstep_pin: PA3\n");

    CliRun list =
        CliRun.inProcess("plugins", "--config", cfg.toString(), "--plugins", plugins.toString());
    assertThat(list.out())
        .contains("hello-telemetry 0.1.0  STARTED", "sections:   extensions/hello-telemetry");
    CliRun show =
        CliRun.inProcess("show", "--config", cfg.toString(), "--plugins", plugins.toString());
    JsonNode doc = JsonMapper.shared().readTree(show.out());
    assertThat(doc.get("extensions").get("hello-telemetry").get("steppers").asInt()).isEqualTo(3);
  }

  @Test
  void theGuideListsExactlyThePrivacyClassesTheCheckerAccepts() throws Exception {
    String page = Files.readString(Path.of("..", "docs", "writing-a-plugin.md"));
    int start = page.indexOf("exactly one of these (the checker accepts no other):");
    assertThat(start).isPositive();
    String list = page.substring(start, page.indexOf("`$ref` only inside", start));
    java.util.Set<String> listed = new java.util.TreeSet<>();
    Matcher m = Pattern.compile("`([a-z-]+)` \\(").matcher(list);
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertThat(listed)
        .isEqualTo(new java.util.TreeSet<>(gg.kalico.telemetry.schema.PrivacyClasses.names()));
    gg.kalico.telemetry.schema.PrivacyClasses.CLASSES.forEach(
        (name, meaning) ->
            assertThat(list.replaceAll("\\s+", " ")).contains("`" + name + "` (" + meaning + ")"));
  }
}
