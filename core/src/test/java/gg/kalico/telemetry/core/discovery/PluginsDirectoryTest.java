package gg.kalico.telemetry.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.spi.TelemetryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One check of the plugins folder, with one message, wherever the folder is given. */
class PluginsDirectoryTest {
  @TempDir Path tmp;

  @Test
  void aFileOrAMissingFolderIsRefusedWithOneMessageEverywhere() throws Exception {
    Path file = Files.writeString(tmp.resolve("plugins.txt"), "not a folder");
    Path missing = tmp.resolve("missing");
    for (Path bad : new Path[] {file, missing}) {
      String expected =
          "plugins directory "
              + bad
              + " does not exist or is not a directory; create it, or give the folder that holds"
              + " the plugin jars (CLI: --plugins)";
      assertThatThrownBy(() -> PluginsDirectory.of(bad))
          .isInstanceOf(TelemetryException.class)
          .hasMessage(expected);
      assertThatThrownBy(() -> Telemetry.builder().pluginsDirectory(bad))
          .as("the builder checks when the folder is given, not at the first report")
          .hasMessage(expected);
      assertThatThrownBy(() -> ExtensionCatalog.discover(bad, List.of())).hasMessage(expected);
    }
  }

  @Test
  void theArchivesAreTheJarsAndZipsOnly() throws Exception {
    Files.writeString(tmp.resolve("a.jar"), "");
    Files.writeString(tmp.resolve("b.zip"), "");
    Files.writeString(tmp.resolve("disabled.txt"), "");
    Files.createDirectory(tmp.resolve("c"));
    PluginsDirectory dir = PluginsDirectory.of(tmp);
    assertThat(dir.path()).isEqualTo(tmp);
    assertThat(dir.archives())
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("a.jar", "b.zip");
  }
}
