package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files keep their owner's privacy: a rewritten printer.cfg keeps its mode and owner, and its
 * backup gets the same mode and owner (a 0600 config never yields a 0644 backup).
 */
class FilePrivacyTest {
  @TempDir Path tmp;

  @Test
  void aPrivateConfigStaysPrivateAndSoDoesItsBackup() throws Exception {
    Path cfg = tmp.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: none\n");
    Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-------"));
    UserPrincipal owner = Files.getOwner(cfg);
    if ("root".equals(System.getProperty("user.name"))) {
      // as root, hand the file to another user first: a save must not make it root's
      owner = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(cfg, owner);
    }

    CliRun run = CliRun.inProcess("enable", "--config", cfg.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readString(cfg)).contains("enabled = True");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg)))
        .isEqualTo("rw-------");
    assertThat(Files.getOwner(cfg)).isEqualTo(owner);
    List<Path> backups;
    try (Stream<Path> s = Files.list(tmp.resolve("config_backups"))) {
      backups = s.toList();
    }
    assertThat(backups)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b)))
                  .isEqualTo("rw-------");
              assertThat(Files.getOwner(b)).isEqualTo(Files.getOwner(cfg));
            });
  }
}
