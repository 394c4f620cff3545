package gg.kalico.telemetry.builtin.objects;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.builtin.TestContext;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectsCollectorTest {
  private static final HostFacts CLI =
      HostFacts.builder().configPath(Path.of("printer.cfg")).build();

  @Test
  void theHostsOwnListWins() {
    HostFacts facts = CLI.toBuilder().enabledObjects(List.of("toolhead", "gcode_move")).build();
    assertThat(new ObjectsCollector().collect(TestContext.of(facts, ConfigNames.empty())).items())
        .containsExactly("toolhead", "gcode_move");
  }

  @Test
  void aHostWithoutAConfigHasNoObjectsSection() {
    assertThat(new ObjectsCollector().collect(TestContext.of(HostFacts.builder().build())))
        .isNull();
  }

  @Test
  void aHostThatNamesNoObjectsGetsNoneEvenWithAKalicoLikeConfig() {
    ConfigNames cfg =
        ConfigNames.of(Map.of("printer", List.of("kinematics"), "extruder", List.of("step_pin")));
    assertThat(new ObjectsCollector().collect(TestContext.of(CLI, cfg))).isNull();
  }
}
