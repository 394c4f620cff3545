package gg.kalico.telemetry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import gg.kalico.telemetry.core.config.SaveConfig;
import gg.kalico.telemetry.spi.TelemetryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The G-code commands a host registers, with Kalico's answers and availability rules. */
class TelemetryCommandsTest {
  @TempDir
  Path dir;

  private Telemetry telemetry(String config) throws Exception {
    Path cfg = dir.resolve("printer.cfg");
    Files.writeString(cfg, config);
    return Telemetry.builder().configPath(cfg).environment(Map.of()).build();
  }

  @Test
  void undecidedUsersSeeTheNoticeAndAllThreeCommands() throws Exception {
    try (Telemetry t = telemetry("[printer]\nkinematics: none\n")) {
      TelemetryCommands c = t.commands();
      assertThat(c.firstRunNotice()).hasValueSatisfying(n -> assertThat(n)
          .contains("ENABLE_TELEMETRY", "DISABLE_TELEMETRY", "TELEMETRY_EXAMPLE",
              "https://kalico.gg/telemetry"));
      assertThat(c.available())
          .containsExactly("ENABLE_TELEMETRY", "DISABLE_TELEMETRY", "TELEMETRY_EXAMPLE");
    }
  }

  @Test
  void enableStagesWithKalicosAnswerAndSaveConfigWritesIt() throws Exception {
    try (Telemetry t = telemetry("[printer]\nkinematics: none\n")) {
      TelemetryCommands c = t.commands();
      assertThat(c.enableTelemetry()).isEqualTo("Kalico telemetry enabled\n\n`SAVE_CONFIG` will"
          + " update your printer config\nfile with this setting and restart the printer.");
      assertThat(Files.readString(dir.resolve("printer.cfg"))).doesNotContain("telemetry");
      SaveConfig.Result r = c.saveConfig();
      assertThat(r.written()).containsExactly(dir.resolve("printer.cfg"));
      assertThat(Files.readString(dir.resolve("printer.cfg"))).isEqualTo(
          "[printer]\nkinematics: none\n\n"
              + "#*# <---------------------- SAVE_CONFIG ---------------------->\n"
              + "#*# DO NOT EDIT THIS BLOCK OR BELOW. The contents are auto-generated.\n#*#\n"
              + "#*# [telemetry]\n#*# enabled = True\n");
      assertThat(t.consent().allowsSending()).isTrue();
      assertThat(t.commands().available()).containsExactly("DISABLE_TELEMETRY",
          "TELEMETRY_EXAMPLE");
      assertThat(t.commands().firstRunNotice()).isEmpty();
    }
  }

  @Test
  void disabledUsersGetNeitherDisableNorTheExample() throws Exception {
    try (Telemetry t = telemetry("[telemetry]\nenabled: False\n")) {
      assertThat(t.commands().available()).containsExactly("ENABLE_TELEMETRY");
      assertThatThrownBy(() -> t.commands().telemetryExample())
          .isInstanceOf(TelemetryException.class).hasMessageContaining("disabled");
    }
  }

  @Test
  void theExampleAnswersWithWhereItWrote() throws Exception {
    try (Telemetry t = telemetry("[printer]\nkinematics: none\n")) {
      assertThat(t.commands().telemetryExample()).startsWith("Example telemetry saved to ")
          .endsWith("telemetry.json");
      assertThat(dir.resolve("telemetry.json")).exists();
    }
  }

  @Test
  void aDispatcherRunsThemByGcodeNameAndRefusesTheUnavailable() throws Exception {
    try (Telemetry t = telemetry("[telemetry]\nenabled: True\n")) {
      assertThat(t.commands().execute("DISABLE_TELEMETRY")).startsWith("Kalico telemetry disabled");
      assertThatThrownBy(() -> t.commands().execute("ENABLE_TELEMETRY"))
          .isInstanceOf(TelemetryException.class).hasMessageContaining("Unknown command");
    }
  }

  @Test
  void twoSavesInOneSecondKeepBothBackups() throws Exception {
    java.time.Clock fixed = java.time.Clock.fixed(java.time.Instant.parse("2026-11-25T10:00:00Z"),
        java.time.ZoneOffset.UTC);
    Path cfg = dir.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: none\n");
    try (Telemetry t = Telemetry.builder().configPath(cfg).clock(fixed).environment(Map.of())
        .build()) {
      t.commands().enableTelemetry();
      Path first = t.commands().saveConfig().backups().get(0);
      var second = t.commands();
      second.disableTelemetry();
      Path other = second.saveConfig().backups().get(0);
      assertThat(other).isNotEqualTo(first);
      assertThat(Files.readString(first)).isEqualTo("[printer]\nkinematics: none\n");
      assertThat(Files.readString(other)).contains("enabled = True");
    }
  }

  @Test
  void saveConfigWithNothingStagedIsAClearError() throws Exception {
    try (Telemetry t = telemetry("[printer]\nkinematics: none\n")) {
      assertThatThrownBy(() -> t.commands().saveConfig()).isInstanceOf(TelemetryException.class)
          .hasMessageContaining("ENABLE_TELEMETRY or DISABLE_TELEMETRY first");
    }
  }
}
