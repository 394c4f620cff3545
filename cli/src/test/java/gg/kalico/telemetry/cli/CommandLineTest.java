package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.schema.TelemetrySchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a user sees: exit codes, messages, help, the bundled config. */
class CommandLineTest {
  @TempDir Path tmp;

  @Test
  void withoutAnyConfigTheBundledExampleIsShownAndItIsValid() throws Exception {
    CliRun run = CliRun.process(tmp, Map.of(), "show");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "used the bundled example config at "
                + tmp.resolve(".cache/kalico-telemetry/example-config/printer.cfg"));
    JsonNode doc = JsonMapper.shared().readTree(run.out());
    assertThat(TelemetrySchema.current().validate(doc)).isEmpty();
    assertThat(doc.propertyNames())
        .contains("schema_version", "machine", "system", "software", "config", "objects");
    assertThat(doc.get("config").has("bed_mesh default")).as("SAVE_CONFIG block read").isTrue();
    assertThat(doc.get("config").has("bltouch")).as("includes followed").isTrue();
  }

  @Test
  void theStandardConfigLocationIsUsedWhenItExists() throws Exception {
    Path cfg = tmp.resolve("printer_data/config/printer.cfg");
    Files.createDirectories(cfg.getParent());
    Files.writeString(cfg, "[printer]\nkinematics: cartesian\n[only_here]\nx: 1\n");
    CliRun run = CliRun.process(tmp, Map.of(), "show");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(JsonMapper.shared().readTree(run.out()).get("config").propertyNames())
        .containsExactly("printer", "only_here");
    assertThat(run.err()).doesNotContain("bundled");
  }

  @Test
  void aMissingConfigIsBadInputNamingTheOption() {
    CliRun run = CliRun.inProcess("show", "--config", tmp.resolve("nope.cfg").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: --config ").contains("nope.cfg", "does not exist");
  }

  @Test
  void aConfigKalicoRefusesIsBadInputWithFileAndLineAndNoStackTrace() throws Exception {
    Path cfg = tmp.resolve("printer.cfg");
    Files.writeString(
        cfg, "[printer]\nkinematics: none\n\n[include macros/*.cfg]\n" + "[include missing.cfg]\n");
    CliRun run = CliRun.inProcess("example", "--config", cfg.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "error: printer.cfg line 5: include 'missing.cfg':"
                + " no such file; create it, correct the name, or remove the [include] line");
    assertThat(tmp.resolve("telemetry.json")).doesNotExist();
  }

  @Test
  void anErrorNamingAPathCarriesNoTerminalControlCharacters() {
    // a file name may hold an escape sequence; an error that names it must not pass it on
    String name = "printer\u001b[31mred\u0007.cfg";
    CliRun run = CliRun.inProcess("show", "--config", tmp.resolve(name).toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("printer?[31mred?.cfg").doesNotContain("\u001b", "\u0007");
  }

  @Test
  void aMissingPluginsDirectoryIsBadInput() throws Exception {
    Path cfg = tmp.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: none\n");
    CliRun run =
        CliRun.inProcess(
            "show", "--config", cfg.toString(), "--plugins", tmp.resolve("plugins").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--plugins").contains("is not a directory");
  }

  @Test
  void exampleWritesTelemetryJsonBesideTheConfig() throws Exception {
    Path cfg = tmp.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: none\n");
    CliRun run =
        CliRun.inProcess("example", "--config", cfg.toString(), "--host-dir", tmp.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("wrote " + tmp.resolve("telemetry.json"));
    JsonNode doc = JsonMapper.shared().readTree(tmp.resolve("telemetry.json").toFile());
    assertThat(doc.get("config").propertyNames()).containsExactly("printer");
  }

  @Test
  void noExampleWhenTheUserDisabledTelemetry() throws Exception {
    Path cfg = tmp.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: none\n[telemetry]\nenabled: False\n");
    CliRun run = CliRun.inProcess("example", "--config", cfg.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("disabled (printer.cfg line 4)");
    assertThat(tmp.resolve("telemetry.json")).doesNotExist();
  }

  @Test
  void helpOnEveryCommandAndUsageErrors() {
    assertThat(CliRun.inProcess("--help").out()).contains("show", "example", "Exit codes");
    CliRun showHelp = CliRun.inProcess("show", "--help");
    assertThat(showHelp.exit()).isZero();
    assertThat(showHelp.out()).contains("--config", "--plugins", "--host-dir");
    assertThat(CliRun.inProcess("example", "--help").out()).contains("telemetry.json");
    assertThat(CliRun.inProcess("show", "--bogus").exit()).isEqualTo(2);
    CliRun none = CliRun.inProcess();
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("name a command");
  }
}
