package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM pins every artifact a host or plugin author may depend on, at the project's version: a
 * module added to the reactor and forgotten in the BOM fails here.
 */
class BomTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Reactor modules that are not for hosts: benchmarks, aggregator poms, the BOM, the archive. */
  private static final List<String> NOT_PUBLISHED =
      List.of(
          "telemetry-bench",
          "telemetry-parent",
          "telemetry-plugins",
          "telemetry-bom",
          "telemetry-dist");

  @Test
  void pinsEveryPublishedArtifactOfTheReactorAndNothingElse() throws IOException {
    List<String> published = new ArrayList<>();
    collect(ROOT, published);
    published.removeAll(NOT_PUBLISHED);
    String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
    String managed = bom.substring(bom.indexOf("<dependencyManagement>"));
    List<String> pinned = new ArrayList<>();
    Matcher m =
        Pattern.compile(
                "<artifactId>([^<]+)</artifactId>\\s*<version>\\$\\{project"
                    + "\\.version}</version>")
            .matcher(managed);
    while (m.find()) {
      pinned.add(m.group(1));
    }
    assertThat(published).contains("telemetry-kalico", "telemetry-spi", "telemetry-core");
    assertThat(pinned).containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void hasTheProjectVersion() throws IOException {
    String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
    assertThat(bom)
        .contains(
            "<artifactId>telemetry-bom</artifactId>\n  <version>"
                + System.getProperty("telemetry.project.version")
                + "</version>");
  }

  /** The artifact ids of this pom and its modules, depth first. */
  private static void collect(Path dir, List<String> out) throws IOException {
    String pom = Files.readString(dir.resolve("pom.xml"));
    String own = pom.replaceAll("(?s)<parent>.*?</parent>", "");
    Matcher id = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(own);
    assertThat(id.find()).as(dir + "/pom.xml names its artifact").isTrue();
    out.add(id.group(1));
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    while (module.find()) {
      collect(dir.resolve(module.group(1)), out);
    }
  }
}
