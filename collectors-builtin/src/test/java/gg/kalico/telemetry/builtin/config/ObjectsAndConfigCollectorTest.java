package gg.kalico.telemetry.builtin.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import gg.kalico.telemetry.builtin.TestContext;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import org.junit.jupiter.api.Test;

class ObjectsAndConfigCollectorTest {
  private static final ConfigNames NAMES;

  static {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("mcu", List.of("serial"));
    m.put("printer", List.of("kinematics"));
    m.put("exclude_object", List.of());
    m.put("gcode_macro START", List.of("gcode"));
    NAMES = ConfigNames.of(m);
  }

  private static final HostFacts CLI = HostFacts.builder().configPath(Path.of("printer.cfg")).build();

  @Test
  void withoutAHostListTheObjectsAreDerivedInKalicoLoadOrderWithoutDuplicates() {
    var section = new ObjectsCollector().collect(TestContext.of(CLI, NAMES));
    assertThat(section.isList()).isTrue();
    assertThat(section.items()).containsExactly("gcode", "webhooks", "configfile", "mcu",
        "printer", "exclude_object", "gcode_macro START", "force_move", "respond", "telemetry",
        "toolhead");
  }

  @Test
  void theHostsOwnListWins() {
    HostFacts facts = CLI.toBuilder().enabledObjects(List.of("toolhead", "gcode_move")).build();
    assertThat(new ObjectsCollector().collect(TestContext.of(facts, NAMES)).items())
        .containsExactly("toolhead", "gcode_move");
  }

  @Test
  void theConfigSectionIsTheNamesInOrder() {
    var fields = new ConfigCollector().collect(TestContext.of(CLI, NAMES)).fields();
    assertThat(fields).containsExactlyEntriesOf(NAMES.sections());
  }

  @Test
  void aHostWithoutAConfigHasNeitherSection() {
    HostFacts none = HostFacts.builder().build();
    assertThat(new ConfigCollector().collect(TestContext.of(none))).isNull();
    assertThat(new ObjectsCollector().collect(TestContext.of(none))).isNull();
  }
}
