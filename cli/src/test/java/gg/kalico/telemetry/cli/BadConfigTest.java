package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configs Kalico refuses, or that would harm the host: each gives exit 2 and one line naming the
 * file (and line where one applies) and what is wrong, and the user's files stay as they were.
 */
class BadConfigTest {
  @TempDir Path dir;

  interface Setup {
    void make(Path dir) throws Exception;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "binary file",
            (Setup)
                d -> {
                  byte[] b = new byte[256];
                  for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) i;
                  }
                  Files.write(d.resolve("printer.cfg"), b);
                },
            "printer.cfg line 2: is a binary file"),
        Arguments.of(
            "invalid UTF-8",
            (Setup)
                d ->
                    Files.write(
                        d.resolve("printer.cfg"),
                        "[printer]\nkinematics: none\n[caf\u00e9]\n"
                            .getBytes(StandardCharsets.ISO_8859_1)),
            "printer.cfg line 3: is not valid UTF-8 text"),
        Arguments.of(
            "byte-order mark",
            (Setup)
                d ->
                    Files.writeString(
                        d.resolve("printer.cfg"), "\uFEFF[printer]\nkinematics: none\n"),
            "printer.cfg line 1: the file starts with a" + " UTF-8 byte-order mark"),
        Arguments.of(
            "20 MiB file",
            (Setup)
                d -> {
                  try (OutputStream out = Files.newOutputStream(d.resolve("printer.cfg"))) {
                    byte[] line =
                        ("#" + "x".repeat(1022) + "\n").getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 20 * 1024; i++) {
                      out.write(line);
                    }
                  }
                },
            "printer.cfg: is 20 MiB; config files above 16 MiB are refused"),
        Arguments.of(
            "include cycle through three files",
            (Setup)
                d -> {
                  Files.writeString(
                      d.resolve("printer.cfg"),
                      "[printer]\nkinematics: none\n" + "[include a.cfg]\n");
                  Files.writeString(d.resolve("a.cfg"), "[include b.cfg]\n");
                  Files.writeString(d.resolve("b.cfg"), "[include c.cfg]\n");
                  Files.writeString(d.resolve("c.cfg"), "[include a.cfg]\n");
                },
            "a.cfg: includes itself through printer.cfg -> a.cfg -> b.cfg -> c.cfg -> a.cfg"),
        Arguments.of(
            "glob reaching a directory",
            (Setup)
                d -> {
                  Files.createDirectories(d.resolve("macros/old.cfg"));
                  Files.writeString(
                      d.resolve("printer.cfg"),
                      "[printer]\nkinematics: none\n" + "[include macros/*.cfg]\n");
                },
            "macros/old.cfg: is a directory"),
        Arguments.of(
            "glob reaching a device",
            (Setup)
                d -> {
                  Files.createDirectories(d.resolve("macros"));
                  Files.createSymbolicLink(d.resolve("macros/null.cfg"), Path.of("/dev/null"));
                  Files.writeString(
                      d.resolve("printer.cfg"),
                      "[printer]\nkinematics: none\n" + "[include macros/*.cfg]\n");
                },
            "macros/null.cfg: is not a regular file"),
        Arguments.of(
            "missing include",
            (Setup)
                d ->
                    Files.writeString(
                        d.resolve("printer.cfg"),
                        "[printer]\nkinematics: none\n[include macros/*.cfg]\n[include nope.cfg]\n"),
            "printer.cfg line 4: include 'nope.cfg': no such file"),
        Arguments.of(
            "option before any section",
            (Setup) d -> Files.writeString(d.resolve("printer.cfg"), "kinematics: none\n"),
            "printer.cfg line 1: an option" + " appears before any [section] header"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithExitTwoAndOneClearLine(String name, Setup setup, String message)
      throws Exception {
    setup.make(dir);
    byte[] before = Files.readAllBytes(dir.resolve("printer.cfg"));
    CliRun run = CliRun.inProcess("example", "--config", dir.resolve("printer.cfg").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("error: " + message)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(Files.readAllBytes(dir.resolve("printer.cfg"))).isEqualTo(before);
    assertThat(dir.resolve("telemetry.json")).doesNotExist();
  }
}
