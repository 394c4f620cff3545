package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** enable, disable, status and send as a user runs them. */
class ConsentCommandsTest {
  @TempDir Path dir;

  private Path config(String text) throws Exception {
    Path cfg = dir.resolve("printer.cfg");
    Files.writeString(cfg, text);
    return cfg;
  }

  private long backups() throws Exception {
    Path b = dir.resolve("config_backups");
    if (!Files.isDirectory(b)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(b)) {
      return s.count();
    }
  }

  @Test
  void enableThenDisableSaysWhatChangedAndWhereTheBackupIs() throws Exception {
    Path cfg = config("[printer]\nkinematics: none\n");
    CliRun enable = CliRun.inProcess("enable", "--config", cfg.toString());
    assertThat(enable.exit()).as(enable.err()).isZero();
    assertThat(enable.out())
        .contains(
            "telemetry enabled",
            "[telemetry] enabled = True",
            "wrote  printer.cfg",
            "backup " + dir.resolve("config_backups/printer-"));
    assertThat(Files.readString(cfg)).endsWith("#*# [telemetry]\n#*# enabled = True\n");

    CliRun status = CliRun.inProcess("status", "--config", cfg.toString());
    assertThat(status.out())
        .contains(
            "telemetry: enabled (printer.cfg line 8, in the SAVE_CONFIG" + " block)",
            "last report: never sent",
            "next report: due now");

    CliRun again = CliRun.inProcess("enable", "--config", cfg.toString());
    assertThat(again.out()).contains("already enabled").contains("nothing was written");
    assertThat(backups()).isEqualTo(1);

    CliRun disable = CliRun.inProcess("disable", "--config", cfg.toString());
    assertThat(disable.exit()).isZero();
    assertThat(Files.readString(cfg)).endsWith("#*# [telemetry]\n#*# enabled = False\n");
    assertThat(CliRun.inProcess("status", "--config", cfg.toString()).out())
        .contains("telemetry: disabled (printer.cfg line 8, in the SAVE_CONFIG block)");
    assertThat(backups()).isEqualTo(2);
  }

  @Test
  void statusShowsTheLastReportItsDigestAndWhatChangedSince() throws Exception {
    Path cfg = config("[printer]\nkinematics: none\n[telemetry]\nenabled: True\n");
    Path out = dir.resolve("sent.json");
    CliRun send =
        CliRun.inProcess(
            "send",
            "--config",
            cfg.toString(),
            "--transport",
            "file",
            "--transport-option",
            "path=" + out);
    assertThat(send.exit()).as(send.err()).isZero();
    String digest = sha256(Files.readAllBytes(out));

    Files.writeString(
        cfg,
        "[printer]\nkinematics: none\nmax_velocity: 300\n[fan]\npin: PA1\n"
            + "[telemetry]\nenabled: True\n");
    CliRun status = CliRun.inProcess("status", "--config", cfg.toString());
    assertThat(status.out())
        .contains(
            "last report: ",
            "via file " + out,
            "digest:      sha256:" + digest,
            "next report: after ",
            "+ config section fan",
            "+ option [printer] max_velocity",
            "+ object fan");

    CliRun notDue =
        CliRun.inProcess(
            "send",
            "--config",
            cfg.toString(),
            "--transport",
            "file",
            "--transport-option",
            "path=" + out);
    assertThat(notDue.out()).contains("not due", "--force");
  }

  @Test
  void enableRefusesADamagedBlockAndChangesNothing() throws Exception {
    String text =
        "[printer]\nkinematics: none\n\n"
            + "#*# <---------------------- SAVE_CONFIG ---------------------->\n"
            + "#*# DO NOT EDIT THIS BLOCK OR BELOW. The contents are auto-generated.\n#*#\n"
            + "#*# [extruder]\n\n#*# pid_kp = 1\n";
    Path cfg = config(text);
    CliRun run = CliRun.inProcess("enable", "--config", cfg.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("SAVE_CONFIG block is damaged", "line 8");
    assertThat(Files.readString(cfg)).isEqualTo(text);
    assertThat(dir.resolve("config_backups")).doesNotExist();
  }

  @Test
  void aBadIntervalIsBadInput() throws Exception {
    Path cfg = config("[telemetry]\nenabled: True\n");
    CliRun run = CliRun.inProcess("send", "--config", cfg.toString(), "--interval", "soon");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--interval 'soon'");
  }

  private static String sha256(byte[] b) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
  }
}
