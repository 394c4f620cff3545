package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/embedding.md} shows the example host project that CI builds and runs ({@code
 * .ci/run}): every file the page names is quoted there byte for byte, so the page cannot drift from
 * code that compiles and runs.
 */
class EmbeddingGuideTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern QUOTED =
      Pattern.compile(
          "(?m)^`(examples/embedding-host/[^`]+)`:\\n\\n```[a-z]*\\n(.*?)```$", Pattern.DOTALL);

  @Test
  void everyFileThePageQuotesIsTheExampleProjectsFile() throws Exception {
    String page = Files.readString(ROOT.resolve("docs/embedding.md"));
    Matcher m = QUOTED.matcher(page);
    List<String> quoted = new ArrayList<>();
    while (m.find()) {
      quoted.add(m.group(1));
      assertThat(m.group(2)).as(m.group(1)).isEqualTo(Files.readString(ROOT.resolve(m.group(1))));
    }
    assertThat(quoted)
        .contains(
            "examples/embedding-host/pom.xml",
            "examples/embedding-host/src/main/java/com/example/host/JobQueueCollector.java",
            "examples/embedding-host/src/main/java/com/example/host/ExampleHost.java",
            "examples/embedding-host/src/main/java/com/example/host/GenericHost.java");
    assertThat(Files.readString(ROOT.resolve("examples/embedding-host/pom.xml")))
        .contains("<maven.compiler.release>17</maven.compiler.release>");
  }
}
