package gg.kalico.telemetry.kalico;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.core.host.HostConfigReader;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code objects} section comes from a host that has objects: a host's own list, or Kalico's
 * start-up list only when the Kalico adapter reads the config. A generic host with the built-in
 * collectors and its own names gets no Kalico objects, and no warning.
 */
class HostObjectsTest {
  @TempDir Path tmp;

  /** A host of another kind: its own names, undecided consent. */
  private static final HostConfigReader GENERIC =
      (configPath, environment) ->
          new HostConfig(
              ConfigNames.of(
                  Map.of("printer", List.of("kinematics"), "extruder", List.of("step_pin"))),
              new Consent(Consent.State.UNSET, "not set"));

  private Path config() throws Exception {
    Path cfg = tmp.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: corexy\n[extruder]\nstep_pin: PA1\n");
    return cfg;
  }

  @Test
  void aGenericHostGetsNoKalicoObjectsAndNoWarning() throws Exception {
    HostFacts facts = HostFacts.builder().configPath(config()).application("generic-host").build();
    try (Telemetry t =
        Telemetry.builder()
            .hostFacts(facts)
            .hostConfigReader(GENERIC)
            .environment(Map.of())
            .build()) {
      Collected c = t.collect();
      assertThat(c.document().tree().has("config")).isTrue();
      assertThat(c.document().tree().has("objects")).isFalse();
      assertThat(c.failures()).isEmpty();
    }
  }

  @Test
  void aGenericHostThatNamesItsObjectsReportsThem() throws Exception {
    HostFacts facts =
        HostFacts.builder()
            .configPath(config())
            .enabledObjects(List.of("scheduler", "heater"))
            .application("generic-host")
            .build();
    try (Telemetry t =
        Telemetry.builder()
            .hostFacts(facts)
            .hostConfigReader(GENERIC)
            .environment(Map.of())
            .build()) {
      assertThat(t.collect().document().tree().get("objects").toString())
          .isEqualTo("[\"scheduler\",\"heater\"]");
    }
  }

  @Test
  void theKalicoAdapterGivesKalicosStartUpList() throws Exception {
    try (Telemetry t = Telemetry.builder().configPath(config()).environment(Map.of()).build()) {
      assertThat(t.collect().document().tree().get("objects").toString())
          .contains("\"gcode\"", "\"toolhead\"", "\"extruder\"");
    }
  }
}
