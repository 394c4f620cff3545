package gg.kalico.telemetry.kalico.objects;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.spi.collector.ConfigNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kalico's start-up objects, derived from the table as Kalico's start-up loads them. */
class KalicoStartupObjectsTest {
  @TempDir Path tmp;

  private static ConfigNames config(Map<String, Map<String, String>> values) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    values.forEach((s, o) -> names.put(s, List.copyOf(o.keySet())));
    return ConfigNames.of(names, values);
  }

  private static Map<String, String> opts(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void objectsFollowKalicosLoadOrderWithNestedLoadsFirst() {
    Map<String, Map<String, String>> cfg = new LinkedHashMap<>();
    cfg.put("printer", opts("kinematics", "cartesian"));
    cfg.put("stepper_x", opts("step_pin", "PA1"));
    cfg.put("temperature_sensor chamber", opts("sensor_type", "HTU21D"));
    cfg.put("safe_z_home", opts("home_xy_position", "1,1"));
    cfg.put("gcode_macro START", opts("gcode", ""));
    cfg.put("no_such_module", opts());
    cfg.put("extruder", opts("step_pin", "PA2", "sensor_type", "EPCOS 100K B57560G104F"));
    var objects = KalicoStartupObjects.derive(config(cfg), Optional.empty());
    assertThat(objects)
        .startsWith(
            "gcode",
            "gcode_io",
            "webhooks",
            "configfile",
            "danger_options",
            "pins",
            "mcu",
            "heaters",
            "adc_temperature");
    assertThat(objects)
        .containsSubsequence(
            "thermistor NTC 100K MGB18-104F39050L32",
            "htu21d chamber",
            "temperature_sensor chamber",
            "homing",
            "safe_z_home",
            "gcode_macro",
            "gcode_macro START",
            "force_move",
            "respond",
            "gcode_move",
            "exclude_object",
            "telemetry",
            "stepper_enable",
            "motion_report",
            "query_endstops",
            "idle_timeout",
            "system_stats",
            "statistics",
            "manual_probe",
            "tuning_tower",
            "garbage_collection",
            "toolhead",
            "query_adc",
            "verify_heater extruder",
            "pid_calibrate",
            "extruder");
    assertThat(objects)
        .doesNotContain("printer", "stepper_x", "no_such_module")
        .doesNotHaveDuplicates()
        .endsWith("extruder");
  }

  @Test
  void aModuleInTheHostCheckoutCreatesItsObjectAndAMissingOneDoesNot() throws Exception {
    Path kalico = tmp.resolve("kalico");
    Files.createDirectories(kalico.resolve("klippy/extras"));
    Files.createDirectories(kalico.resolve("klippy/plugins/mmu"));
    Files.writeString(kalico.resolve("klippy/plugins/mmu/__init__.py"), "");
    Files.writeString(kalico.resolve("klippy/extras/fan.py"), "");
    Map<String, Map<String, String>> cfg = new LinkedHashMap<>();
    cfg.put("fan", opts("pin", "PA1"));
    cfg.put("mmu", opts("gate_count", "4"));
    cfg.put("bed_mesh", opts());
    var withPlugin = KalicoStartupObjects.derive(config(cfg), Optional.of(kalico));
    assertThat(withPlugin).contains("fan", "mmu").doesNotContain("bed_mesh");
    var stock = KalicoStartupObjects.derive(config(cfg), Optional.empty());
    assertThat(stock).contains("fan", "bed_mesh").doesNotContain("mmu");
  }

  @Test
  void theTableSaysWhichKalicoItDescribes() {
    assertThat(KalicoStartupObjects.describedKalicoCommit()).matches("[0-9a-f]{40}");
  }
}
