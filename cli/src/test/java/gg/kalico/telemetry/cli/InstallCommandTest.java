package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code install} writes into the timer's unit every option {@code send} takes that shapes the
 * report or its destination, quoted so that systemd gives {@code send} the same words back; {@code
 * status} shows what the timer runs; a bad option is one line and exit 2, and no unit is written.
 */
class InstallCommandTest {
  @TempDir Path tmp;

  private Path launcher;
  private Path units;
  private Path config;

  @BeforeEach
  void host() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("my tools %h"));
    launcher = bin.resolve("kalico-telemetry");
    Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    System.setProperty(SystemdUnits.LAUNCHER_PROPERTY, launcher.toString());
    units = tmp.resolve("units");
    config = Files.createDirectories(tmp.resolve("printer data $HOME")).resolve("printer.cfg");
    Files.writeString(config, "[printer]\nkinematics: corexy\n", StandardCharsets.UTF_8);
  }

  @AfterEach
  void forget() {
    System.clearProperty(SystemdUnits.LAUNCHER_PROPERTY);
  }

  private CliRun install(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "install",
                "--config",
                config.toString(),
                "--unit-dir",
                units.toString(),
                "--no-systemctl"));
    args.addAll(List.of(more));
    return CliRun.inProcess(args.toArray(String[]::new));
  }

  @Test
  void everyOptionSendTakesReachesTheUnitAndSystemdReadsTheSameWordsBack() throws Exception {
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Path hostDir = Files.createDirectories(tmp.resolve("kalico"));
    Path ca = tmp.resolve("ca.pem");
    Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n");
    String odd = "a b\"c%d$e\\f'g";
    CliRun run =
        install(
            "--plugins",
            plugins.toString(),
            "--disable-plugin",
            "board",
            "--host-dir",
            hostDir.toString(),
            "--endpoint",
            "https://telemetry.example.org/collect",
            "--ca-file",
            ca.toString(),
            "--profile",
            "kalico",
            "--schema-major",
            "1",
            "--transport",
            "https",
            "--transport-option",
            "note=" + odd,
            "--interval",
            "12h");
    assertThat(run.exit()).as(run.err()).isZero();

    String service = Files.readString(units.resolve(SystemdUnits.SERVICE));
    String exec =
        service
            .lines()
            .filter(l -> l.startsWith("ExecStart="))
            .findFirst()
            .orElseThrow()
            .substring("ExecStart=".length());
    assertThat(words(exec))
        .containsExactly(
            launcher.toString(),
            "send",
            "--config",
            config.toString(),
            "--plugins",
            plugins.toString(),
            "--disable-plugin",
            "board",
            "--host-dir",
            hostDir.toString(),
            "--schema-major",
            "1",
            "--endpoint",
            "https://telemetry.example.org/collect",
            "--ca-file",
            ca.toString(),
            "--profile",
            "kalico",
            "--transport-option",
            "note=" + odd,
            "--interval",
            "12h");
    assertThat(run.out()).contains("the timer runs: " + exec);
    verifyWithSystemd();

    CliRun status =
        CliRun.inProcess("status", "--config", config.toString(), "--unit-dir", units.toString());
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("timer:       runs daily: " + exec);
  }

  @Test
  void withoutOptionsTheUnitRunsSendForTheConfigAlone() throws Exception {
    assertThat(install().exit()).isZero();
    String exec = SystemdUnits.installedCommand(units).orElseThrow();
    assertThat(words(exec))
        .containsExactly(launcher.toString(), "send", "--config", config.toString());
    CliRun none =
        CliRun.inProcess(
            "status",
            "--config",
            config.toString(),
            "--unit-dir",
            tmp.resolve("elsewhere").toString());
    assertThat(none.out()).contains("timer:       not installed (kalico-telemetry install");
  }

  @Test
  void aBadOptionIsOneLineAndExit2AndNothingIsWritten() {
    String[][] bad = {
      {"--bogus"},
      {"--endpoint"},
      {"--interval", "0s"},
      {"--interval", "soon"},
      {"--plugins", tmp.resolve("missing").toString()},
      {"--host-dir", tmp.resolve("missing").toString()},
      {"--transport", "pigeon"},
      {"--profile", "fancy"},
      {"--schema-major", "7"},
      {"--schema-major", "one"},
      {"--endpoint", "http://telemetry.example.org/collect"},
      {"--ca-file", tmp.resolve("missing.pem").toString()},
      {"--transport-option", "note=two\nlines"},
    };
    for (String[] args : bad) {
      CliRun run = install(args);
      assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
      assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
      assertThat(run.err()).startsWith("error: ").doesNotContain("Usage:");
      assertThat(units).as(String.join(" ", args)).doesNotExist();
    }
    assertThat(install("--bogus").err()).contains("'--bogus'", "kalico-telemetry install --help");
    assertThat(install("--transport", "pigeon").err()).contains("pigeon", "https");
  }

  /** The words systemd makes of an ExecStart line (quotes, escapes, %% and $$). */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (!quoted && c == ' ') {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
        continue;
      }
      if (w == null) {
        w = new StringBuilder();
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted) {
        w.append(line.charAt(++i));
      } else if ((c == '%' || c == '$') && i + 1 < line.length() && line.charAt(i + 1) == c) {
        w.append(c);
        i++;
      } else {
        w.append(c);
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    return words;
  }

  /** systemd's own checker accepts the unit, when it is installed (CI installs it). */
  private void verifyWithSystemd() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    if (!Files.isExecutable(analyze)) {
      return;
    }
    Process p =
        new ProcessBuilder(
                analyze.toString(),
                "verify",
                "--man=no",
                units.resolve(SystemdUnits.SERVICE).toString(),
                units.resolve(SystemdUnits.TIMER).toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
