package gg.kalico.telemetry.core.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private long entries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void createsAndReplacesWithoutLeavingTemporaryFiles() throws IOException {
    Path target = dir.resolve("telemetry.json");
    AtomicFiles.write(target, utf8("one"));
    AtomicFiles.write(target, utf8("two"));
    assertThat(target).hasContent("two");
    assertThat(entries()).isEqualTo(1);
  }

  @Test
  void keepsTheFileModeOfTheFileItReplaces() throws IOException {
    Path target = dir.resolve("printer.cfg");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
    AtomicFiles.write(target, utf8("new"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void aConfigIsWrittenThroughItsSymbolicLinkAndTheLinkStays() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real")).resolve("printer.cfg");
    Files.writeString(real, "old");
    Path link = dir.resolve("printer.cfg");
    Files.createSymbolicLink(link, Path.of("real/printer.cfg"));
    AtomicFiles.Prepared prepared = AtomicFiles.prepare(link, utf8("new"));
    Path written = prepared.commit();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(real).hasContent("new");
    assertThat(written).isEqualTo(dir.resolve("real/printer.cfg"));
  }

  @Test
  void ourOwnFilesAreNeverWrittenThroughALink() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside")).resolve("victim");
    Files.writeString(outside, "precious");
    Path link = dir.resolve(".telemetry-state.json");
    Files.createSymbolicLink(link, outside);
    assertThatThrownBy(() -> AtomicFiles.write(link, utf8("{}")))
        .isInstanceOf(gg.kalico.telemetry.spi.files.UnsafeFileException.class)
        .hasMessageContaining(".telemetry-state.json is a symbolic link")
        .hasMessageContaining("Remove the link");
    assertThat(outside).hasContent("precious");
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void aNewFileIsCreatedNewAndNeverThroughALinkPlacedInAdvance() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside")).resolve("victim");
    Files.writeString(outside, "precious");
    Path source = dir.resolve("printer.cfg");
    Files.writeString(source, "cfg");
    Path planted = dir.resolve("backup.cfg");
    Files.createSymbolicLink(planted, outside);
    assertThatThrownBy(() -> AtomicFiles.createNew(planted, utf8("cfg"), source))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(outside).hasContent("precious");
    assertThat(Files.isSymbolicLink(planted)).isTrue();
  }

  @Test
  void temporaryNamesCannotBePredicted() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < 1000; i++) {
      names.add(AtomicFiles.unpredictable());
    }
    assertThat(names).hasSize(1000).allSatisfy(n -> assertThat(n).matches("[0-9a-f]{16}"));
  }

  @Test
  void aMissingFolderFailsAndCreatesNothing() {
    assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("no/such/file.json"), utf8("x")))
        .isInstanceOf(IOException.class);
    assertThat(dir.resolve("no")).doesNotExist();
  }
}
