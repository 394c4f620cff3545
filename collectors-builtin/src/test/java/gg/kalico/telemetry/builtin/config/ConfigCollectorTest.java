package gg.kalico.telemetry.builtin.config;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.builtin.TestContext;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCollectorTest {
  private static final HostFacts CLI =
      HostFacts.builder().configPath(Path.of("printer.cfg")).build();

  @Test
  void theConfigSectionIsTheNamesInOrder() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("mcu", List.of("serial"));
    m.put("printer", List.of("kinematics"));
    m.put("gcode_macro START", List.of("gcode"));
    ConfigNames names = ConfigNames.of(m);
    var fields = new ConfigCollector().collect(TestContext.of(CLI, names)).fields();
    assertThat(fields).containsExactlyEntriesOf(names.sections());
  }

  @Test
  void aHostWithoutAConfigHasNoConfigSection() {
    assertThat(new ConfigCollector().collect(TestContext.of(HostFacts.builder().build()))).isNull();
  }
}
