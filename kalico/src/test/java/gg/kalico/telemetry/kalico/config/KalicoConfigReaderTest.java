package gg.kalico.telemetry.kalico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class KalicoConfigReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private Map<String, List<String>> names(Path cfg) {
    return new KalicoConfigReader().read(cfg).names().sections();
  }

  @Test
  void includesAreResolvedRelativeToTheIncludingFileAndSortedAsStrings() throws IOException {
    write("macros/b.cfg", "[b]\nx: 1\n");
    write("macros/a.cfg", "[a]\ny: 1\n[include sub/c.cfg]\n");
    write("macros/sub/c.cfg", "[c]\nz: 1\n");
    write("macros/.hidden.cfg", "[hidden]\nq: 1\n");
    Path cfg = write("printer.cfg", "[include macros/*.cfg]\n[printer]\nkinematics: none\n");
    assertThat(names(cfg).keySet()).containsExactly("a", "c", "b", "printer");
  }

  @Test
  void optionNamesAreLowerCasedSectionNamesKeptAndRepeatsMergedInPlace() throws IOException {
    Path cfg =
        write(
            "printer.cfg",
            "[Stepper X]\nStep_PIN: a\n[other]\nk: 1\n[Stepper X]\nDIR_pin: b\nstep_pin: c\n");
    assertThat(names(cfg))
        .containsExactly(
            Map.entry("Stepper X", List.of("step_pin", "dir_pin")),
            Map.entry("other", List.of("k")));
  }

  @Test
  void aMissingPlainIncludeNamesTheFileLineAndPattern() throws IOException {
    Path cfg = write("printer.cfg", "[printer]\nkinematics: none\n\n[include macros/none.cfg]\n");
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage(
            "printer.cfg line 4: include 'macros/none.cfg': no such file; create it,"
                + " correct the name, or remove the [include] line");
  }

  @Test
  void anEmptyGlobIsFine() throws IOException {
    Path cfg = write("printer.cfg", "[include nothing/*.cfg]\n[printer]\nkinematics: none\n");
    assertThat(names(cfg)).containsOnlyKeys("printer");
  }

  @Test
  void anIncludeCycleThroughThreeFilesIsNamed() throws IOException {
    write("a.cfg", "[a]\nx: 1\n[include b.cfg]\n");
    write("b.cfg", "[b]\nx: 1\n[include c.cfg]\n");
    write("c.cfg", "[c]\nx: 1\n[include a.cfg]\n");
    Path cfg = write("printer.cfg", "[include a.cfg]\n");
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining(
            "a.cfg: includes itself through printer.cfg -> a.cfg -> b.cfg" + " -> c.cfg -> a.cfg");
  }

  @Test
  void aGlobThatReachesADirectoryIsRefused() throws IOException {
    write("extra/ok.cfg", "[ok]\nx: 1\n");
    Files.createDirectories(dir.resolve("extra/folder.cfg"));
    Path cfg = write("printer.cfg", "[printer]\nkinematics: none\n[include extra/*.cfg]\n");
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("extra/folder.cfg: is a directory")
        .hasMessageContaining("included from include 'extra/*.cfg' in printer.cfg line 3");
  }

  @Test
  @Timeout(20)
  void aGlobThatReachesAFifoIsRefusedWithoutReadingIt() throws Exception {
    Files.createDirectories(dir.resolve("extra"));
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("extra/pipe.cfg").toString()).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
    Path cfg = write("printer.cfg", "[include extra/*.cfg]\n");
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("extra/pipe.cfg: is not a regular file");
  }

  @Test
  void aBinaryFileIsRefused() throws IOException {
    Path cfg = dir.resolve("printer.cfg");
    byte[] bytes = new byte[512];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 37);
    }
    Files.write(cfg, bytes);
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("printer.cfg line 1: is a binary file");
  }

  @Test
  void invalidUtf8NamesTheLine() throws IOException {
    Path cfg = dir.resolve("printer.cfg");
    Files.write(
        cfg, "[printer]\nkinematics: none\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("printer.cfg line 3: is not valid UTF-8 text");
  }

  @Test
  void aByteOrderMarkIsRefusedAsKalicoDoes() throws IOException {
    Path cfg = write("printer.cfg", "\uFEFF[printer]\nkinematics: none\n");
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("printer.cfg line 1")
        .hasMessageContaining("byte-order mark");
  }

  @Test
  void aTwentyMebibyteFileIsRefusedBeforeReading() throws IOException {
    Path cfg = dir.resolve("printer.cfg");
    try (OutputStream out = Files.newOutputStream(cfg)) {
      byte[] block = ("#" + "x".repeat(1022) + "\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 20 * 1024; i++) {
        out.write(block);
      }
    }
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("printer.cfg: is 20 MiB; config files above 16 MiB are refused");
  }

  @Test
  void anUnreadableFileIsRefused() throws IOException {
    Path cfg = write("printer.cfg", "[printer]\nkinematics: none\n");
    Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(cfg), "running as root: permissions do not stop root reading");
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("permission denied");
  }

  @Test
  void includeNestingDeeperThanAHundredIsRefused() throws IOException {
    for (int i = 0; i <= 101; i++) {
      write("n" + i + ".cfg", "[s" + i + "]\nx: 1\n[include n" + (i + 1) + ".cfg]\n");
    }
    write("n102.cfg", "[end]\nx: 1\n");
    Path cfg = write("printer.cfg", "[include n0.cfg]\n");
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("nested more than 100 deep");
  }

  @Test
  void moreThanTenThousandIncludedFilesAreRefused() throws IOException {
    Path many = Files.createDirectories(dir.resolve("many"));
    for (int i = 0; i <= KalicoConfigReader.MAX_INCLUDED_FILES; i++) {
      Files.writeString(many.resolve("f" + i + ".cfg"), "");
    }
    Path cfg = write("printer.cfg", "[include many/*.cfg]\n");
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("more than 10000 files are included");
  }

  @Test
  void referencesThatDoubleAtEveryLevelAreCheckedOnceEachNotExponentially() throws IOException {
    StringBuilder cfg = new StringBuilder("[printer]\nkinematics: none\n[c]\n");
    int levels = 60;
    for (int i = 0; i < levels; i++) {
      cfg.append("o")
          .append(i)
          .append(": ${c.o")
          .append(i + 1)
          .append("}${c.o")
          .append(i + 1)
          .append("}\n");
    }
    cfg.append("o").append(levels).append(": x\n");
    Path file = write("printer.cfg", cfg.toString());
    // 2^60 characters if expanded in full; the guard only stops a hang from stalling the build
    var names =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(30), () -> names(file));
    assertThat(names.get("c")).hasSize(levels + 1);
  }

  @Test
  void aBrokenReferenceNamesTheOptionButNeverTheValue() throws IOException {
    Path cfg =
        write(
            "printer.cfg",
            "[printer]\nkinematics: none\n[macro]\nsecret: CANARY-${CANARYsec.CANARYopt}-CANARY\n");
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("printer.cfg line 4")
        .hasMessageContaining(
            "option 'secret' in section [macro] has a ${...} reference to a"
                + " section that does not exist")
        .hasMessageNotContaining("CANARY");
  }

  @Test
  void aParseErrorNamesTheLineWithoutQuotingIt() throws IOException {
    Path cfg = write("printer.cfg", "[wifi]\nssid: home\nCANARY-password-line\n");
    assertThatThrownBy(() -> names(cfg))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith("printer.cfg line 3: ")
        .hasMessageNotContaining("CANARY");
  }

  @Test
  void aDamagedSaveConfigBlockIsReportedAsIgnored() throws IOException {
    Path cfg =
        write(
            "printer.cfg",
            "[printer]\nkinematics: none\n"
                + "\n#*# <---------------------- SAVE_CONFIG ---------------------->\n"
                + "#*# DO NOT EDIT THIS BLOCK OR BELOW. The contents are auto-generated.\n#*#\n"
                + "#*# [extruder]\n#*# pid_kp = 1\nstray = 1\n");
    KalicoConfig config = new KalicoConfigReader().read(cfg);
    assertThat(config.ignoredSaveConfigReason())
        .hasValueSatisfying(r -> assertThat(r).contains("line 9"));
    assertThat(config.names().sections()).doesNotContainKey("extruder");
  }
}
