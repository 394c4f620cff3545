package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.testing.ScriptedHttpsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule: no file we write or delete follows a link we did not choose. A link planted where one of
 * our files or folders should be (pointing outside the config folder) stops the command with exit 2
 * and a message naming it; nothing outside the config folder changes, nothing is sent.
 */
class LinkRefusalTest {
  @TempDir Path tmp;

  private Path config;
  private Path cfg;
  private Path outside;
  private ScriptedHttpsServer server;

  @BeforeEach
  void setUp() throws Exception {
    config = Files.createDirectories(tmp.resolve("config"));
    cfg = config.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n[telemetry]\nenabled: True\n");
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("victim"), "kalico-11111111-2222-3333-4444-555555555555\n");
    Files.createDirectories(outside.resolve("victimdir"));
    Files.writeString(outside.resolve("victimdir/0000000000000001-keep.json"), "{\"id\":\"x\"}");
    server = ScriptedHttpsServer.start(tmp);
  }

  @AfterEach
  void tearDown() throws IOException {
    server.close();
  }

  private void plant(String name) throws IOException {
    boolean folder =
        name.equals(".telemetry-spool")
            || name.equals(".telemetry-spool/damaged")
            || name.equals("config_backups");
    Path link = config.resolve(name);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, outside.resolve(folder ? "victimdir" : "victim"));
  }

  private CliRun send() {
    return CliRun.inProcess(
        "send",
        "--force",
        "--config",
        cfg.toString(),
        "--endpoint",
        server.url(),
        "--ca-file",
        server.caPem().toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".telemetry-state.json",
        ".telemetry-last-report.json",
        ".machine-id",
        ".telemetry-spool",
        ".telemetry-spool/damaged",
        "telemetry.json"
      })
  void sendRefusesALinkWhereOurFileShouldBe(String name) throws IOException {
    plant(name);
    Map<String, String> before = tree(outside);

    CliRun run = send();

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            name.substring(name.lastIndexOf('/') + 1), "is a symbolic link", "Remove the link");
    assertThat(tree(outside)).isEqualTo(before);
    assertThat(server.requests()).as("nothing is sent").isEmpty();
    assertThat(Files.isSymbolicLink(config.resolve(name))).as("the link itself stays").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"telemetry.json", ".machine-id", ".telemetry-state.json"})
  void theExampleRefusesALinkWhereOurFileShouldBe(String name) throws IOException {
    plant(name);
    Map<String, String> before = tree(outside);

    CliRun run = CliRun.inProcess("example", "--config", cfg.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains(name, "is a symbolic link");
    assertThat(tree(outside)).isEqualTo(before);
  }

  @Test
  void enableRefusesABackupFolderThatIsALinkAndLeavesTheConfigAlone() throws IOException {
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n");
    plant("config_backups");
    Map<String, String> before = tree(outside);

    CliRun run = CliRun.inProcess("enable", "--config", cfg.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains("config_backups is a symbolic link");
    assertThat(cfg).hasContent("[printer]\nkinematics: corexy\n");
    assertThat(tree(outside)).isEqualTo(before);
  }

  @Test
  void disableRefusesASpoolThatIsALinkAndDeletesNothingOutside() throws IOException {
    plant(".telemetry-spool");
    Map<String, String> before = tree(outside);

    CliRun run = CliRun.inProcess("disable", "--config", cfg.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains(".telemetry-spool is a symbolic link");
    assertThat(tree(outside)).isEqualTo(before);
    assertThat(cfg).content().doesNotContain("False");
  }

  @Test
  void aConfigThatIsALinkIsStillWrittenThroughAndStaysALink() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("dotfiles")).resolve("printer.cfg");
    Files.move(cfg, real);
    Files.createSymbolicLink(cfg, real);

    CliRun run = CliRun.inProcess("disable", "--config", cfg.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.isSymbolicLink(cfg)).isTrue();
    assertThat(real).content().contains("enabled = False");
    try (Stream<Path> backups = Files.list(config.resolve("config_backups"))) {
      assertThat(backups.map(p -> p.getFileName().toString()))
          .singleElement()
          .asString()
          .matches("printer-\\d{8}_\\d{6}-[0-9a-f]{8}\\.cfg");
    }
  }

  @Test
  void theSpoolIgnoresFilesWhoseNamesItDidNotGive() throws IOException {
    Path spool = Files.createDirectories(config.resolve(".telemetry-spool"));
    Path foreign = Files.writeString(spool.resolve("notes.json"), "{\"mine\":true}");
    Path linked = spool.resolve("0000000000000002-linked.json");
    Files.createSymbolicLink(linked, outside.resolve("victim"));
    Map<String, String> before = tree(outside);

    CliRun run = CliRun.inProcess("disable", "--config", cfg.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(foreign).hasContent("{\"mine\":true}");
    assertThat(Files.exists(linked, java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .as("a link with an entry's name is removed as a link")
        .isFalse();
    assertThat(tree(outside)).as("what it pointed to is untouched").isEqualTo(before);
  }

  /** Every file under {@code root} with its content, to compare before and after. */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        out.put(
            root.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
      }
    }
    return out;
  }
}
