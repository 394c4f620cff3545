package gg.kalico.telemetry.kalico.objects;

import gg.kalico.telemetry.spi.collector.ConfigNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replays Kalico's start-up load of printer objects for one config, from the {@link ObjectTable}:
 * the early objects, the MCUs, each section in config order with what its module loads first
 * (Kalico adds an object after the objects its {@code load_config()} loaded), the on-by-default
 * extras, the toolhead with what the kinematics and ToolHead load, then the extruders. Sections
 * whose module does not exist create no object, as in Kalico.
 *
 * <p>Values are consulted only through {@link ConfigNames#valueAmong} and {@link ConfigNames#flag},
 * which never hand a value out.
 */
final class ObjectLoader {
  private static final Pattern EXTRUDER = Pattern.compile("extruder\\d*");

  private final ObjectTable table;
  private final Set<String> modules;
  private final ConfigNames config;
  private final Set<String> objects = new LinkedHashSet<>();

  private ObjectLoader(ObjectTable table, Set<String> modules, ConfigNames config) {
    this.table = table;
    this.modules = modules;
    this.config = config;
  }

  /**
   * Kalico's object list for this config.
   *
   * @param modules the modules that exist (the stock list, or a Kalico checkout's)
   */
  static List<String> load(ObjectTable table, Set<String> modules, ConfigNames config) {
    return new ObjectLoader(table, modules, config).run();
  }

  private List<String> run() {
    table.early.forEach(i -> objects.add(i.name()));
    mcu("mcu");
    for (String section : config.sections().keySet()) {
      if (section.startsWith("mcu ")) {
        mcu(section);
      }
    }
    for (String section : config.sections().keySet()) {
      load(section);
    }
    table.extras.forEach(i -> load(i.name()));
    String kinematics =
        config.valueAmong("printer", "kinematics", table.kinematics.keySet()).orElse("*");
    loadAll(table.kinematics.getOrDefault(kinematics, table.kinematics.get("*")), "toolhead");
    loadAll(table.toolhead, "toolhead");
    objects.add("toolhead");
    for (String section : config.sections().keySet()) {
      if (EXTRUDER.matcher(section).matches()) {
        loadAll(table.extruder, section);
        objects.add(section);
      }
    }
    return new ArrayList<>(objects);
  }

  private void mcu(String section) {
    if (objects.contains(section)) {
      return;
    }
    if (hasOption(section, "canbus_uuid")) {
      loadAll(table.canbus, section);
    }
    objects.add(section);
  }

  /** Kalico's load_object: nothing if loaded or if its module does not exist. */
  private void load(String name) {
    if (objects.contains(name)) {
      return;
    }
    String module = module(name);
    if (!modules.contains(module)) {
      return;
    }
    loadAll(table.modules.getOrDefault(module, List.of()), name);
    objects.add(name);
  }

  private void loadAll(List<ObjectTable.Item> items, String section) {
    for (ObjectTable.Item item : items) {
      if (!applies(item, section)) {
        continue;
      }
      String name = item.name().replace("{name}", section).replace("{suffix}", suffix(section));
      switch (name) {
        case "@sensor-modules" -> table.sensorModules.forEach(i -> load(i.name()));
        case "@sensor-type" -> sensorType(section);
        default -> {
          if (name.startsWith("@")) {
            loadAll(table.macros.getOrDefault(name, List.of()), section);
          } else {
            load(name);
          }
        }
      }
    }
  }

  /** What the section's sensor type needs: its own I2C object, or the ADC query, or nothing. */
  private void sensorType(String section) {
    var i2c = config.valueAmong(section, "sensor_type", table.sensorObjects.keySet());
    if (i2c.isPresent()) {
      load(table.sensorObjects.get(i2c.get()) + " " + suffix(section));
    } else if (config.valueAmong(section, "sensor_type", table.sensorsWithoutAdc).isEmpty()) {
      load("query_adc");
    }
  }

  private boolean applies(ObjectTable.Item item, String section) {
    return switch (item.condition()) {
      case ALWAYS -> true;
      case IF_SET -> hasOption(section, item.option());
      case UNLESS_FALSE -> !config.flag(section, item.option()).equals(Optional.of(false));
      case PREFIX_ONLY -> !module(section).equals(section);
    };
  }

  private boolean hasOption(String section, String option) {
    List<String> options = config.sections().get(section);
    return options != null && options.contains(option);
  }

  static String module(String section) {
    String s = section.strip();
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(0, space);
  }

  private static String suffix(String section) {
    String s = section.strip();
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(space + 1).strip();
  }
}
