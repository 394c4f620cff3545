package gg.kalico.telemetry.kalico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.kalico.config.SaveConfig;
import gg.kalico.telemetry.spi.TelemetryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The G-code commands a host registers, with Kalico's answers and availability rules. */
class TelemetryCommandsTest {
  @TempDir Path dir;

  /** One set of commands per facade, as a host keeps it. */
  private final Map<Telemetry, TelemetryCommands> commands = new java.util.IdentityHashMap<>();

  private TelemetryCommands commands(Telemetry t) {
    return commands.computeIfAbsent(t, TelemetryCommands::new);
  }

  private Telemetry telemetry(String config) throws Exception {
    Path cfg = dir.resolve("printer.cfg");
    Files.writeString(cfg, config);
    return Telemetry.builder().configPath(cfg).environment(Map.of()).build();
  }

  @Test
  void undecidedUsersSeeTheNoticeAndAllThreeCommands() throws Exception {
    try (Telemetry t = telemetry("[printer]\nkinematics: none\n")) {
      TelemetryCommands c = commands(t);
      assertThat(c.firstRunNotice())
          .hasValueSatisfying(
              n ->
                  assertThat(n)
                      .contains(
                          "ENABLE_TELEMETRY",
                          "DISABLE_TELEMETRY",
                          "TELEMETRY_EXAMPLE",
                          "https://kalico.gg/telemetry"));
      assertThat(c.available())
          .containsExactly("ENABLE_TELEMETRY", "DISABLE_TELEMETRY", "TELEMETRY_EXAMPLE");
    }
  }

  @Test
  void enableStagesWithKalicosAnswerAndSaveConfigWritesIt() throws Exception {
    try (Telemetry t = telemetry("[printer]\nkinematics: none\n")) {
      TelemetryCommands c = commands(t);
      assertThat(c.enableTelemetry())
          .isEqualTo(
              "Kalico telemetry enabled\n\n`SAVE_CONFIG` will"
                  + " update your printer config\nfile with this setting and restart the printer.");
      assertThat(Files.readString(dir.resolve("printer.cfg"))).doesNotContain("telemetry");
      SaveConfig.Result r = c.saveConfig();
      assertThat(r.written()).containsExactly(dir.resolve("printer.cfg"));
      assertThat(Files.readString(dir.resolve("printer.cfg")))
          .isEqualTo(
              "[printer]\nkinematics: none\n\n"
                  + "#*# <---------------------- SAVE_CONFIG ---------------------->\n"
                  + "#*# DO NOT EDIT THIS BLOCK OR BELOW. The contents are auto-generated.\n#*#\n"
                  + "#*# [telemetry]\n#*# enabled = True\n");
      assertThat(t.consent().allowsSending()).isTrue();
      assertThat(commands(t).available()).containsExactly("DISABLE_TELEMETRY", "TELEMETRY_EXAMPLE");
      assertThat(commands(t).firstRunNotice()).isEmpty();
    }
  }

  @Test
  void disabledUsersGetNeitherDisableNorTheExample() throws Exception {
    try (Telemetry t = telemetry("[telemetry]\nenabled: False\n")) {
      assertThat(commands(t).available()).containsExactly("ENABLE_TELEMETRY");
      assertThatThrownBy(() -> commands(t).telemetryExample())
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("disabled");
    }
  }

  @Test
  void theExampleAnswersWithWhereItWrote() throws Exception {
    try (Telemetry t = telemetry("[printer]\nkinematics: none\n")) {
      assertThat(commands(t).telemetryExample())
          .startsWith("Example telemetry saved to ")
          .endsWith("telemetry.json");
      assertThat(dir.resolve("telemetry.json")).exists();
    }
  }

  @Test
  void aDispatcherRunsThemByGcodeNameAndRefusesTheUnavailable() throws Exception {
    try (Telemetry t = telemetry("[telemetry]\nenabled: True\n")) {
      assertThat(commands(t).execute("DISABLE_TELEMETRY")).startsWith("Kalico telemetry disabled");
      assertThatThrownBy(() -> commands(t).execute("ENABLE_TELEMETRY"))
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("Unknown command");
    }
  }

  @Test
  void twoSavesInOneSecondKeepBothBackups() throws Exception {
    java.time.Clock fixed =
        java.time.Clock.fixed(
            java.time.Instant.parse("2026-11-25T10:00:00Z"), java.time.ZoneOffset.UTC);
    Path cfg = dir.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: none\n");
    try (Telemetry t =
        Telemetry.builder().configPath(cfg).clock(fixed).environment(Map.of()).build()) {
      commands(t).enableTelemetry();
      Path first = commands(t).saveConfig().backups().get(0);
      var second = commands(t);
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
      assertThatThrownBy(() -> commands(t).saveConfig())
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("ENABLE_TELEMETRY or DISABLE_TELEMETRY first");
    }
  }
}
