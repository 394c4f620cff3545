package gg.kalico.telemetry.plugins.macropacks;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MacroPacksCollectorTest {
  @Test
  void recognisesPacksFromSectionNamesAndCountsMacros() {
    JsonNode section =
        PluginTestKit.of(new MacroPacksCollector())
            .config(
                """
            [include KAMP/*.cfg]
            [printer]
            kinematics: corexy
            [mmu_machine]
            num_gates: 4
            [gcode_macro _CLIENT_VARIABLE]
            variable_use_custom_pos: False
            gcode:
            [gcode_macro MY_SECRET_WIFI_MACRO]
            gcode:
                M117 hunter2
            """)
            .configFile(
                "KAMP/KAMP_Settings.cfg",
                """
            [gcode_macro _KAMP_Settings]
            variable_verbose_enable: True
            gcode:
            """)
            .collect();
    assertThat(section.get("packs").toString())
        .isEqualTo("[\"kamp\",\"happy-hare\",\"client-macros\"]");
    assertThat(section.get("gcode_macros").asInt()).isEqualTo(3);
    assertThat(section.get("sections").asInt()).isEqualTo(5);
    assertThat(section.toString()).doesNotContain("MY_SECRET").doesNotContain("hunter2");
  }

  @Test
  void aPlainConfigHasNoPacks() {
    JsonNode section = PluginTestKit.of(new MacroPacksCollector()).collect();
    assertThat(section.get("packs").size()).isZero();
    assertThat(section.get("gcode_macros").asInt()).isZero();
  }
}
