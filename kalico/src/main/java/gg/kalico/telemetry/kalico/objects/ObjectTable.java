package gg.kalico.telemetry.kalico.objects;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kalico's object loading as data, read from {@code kalico-objects.txt}: the fixed objects before
 * and after the config sections, and per module the objects its {@code load_config()} loads first.
 * The file says which Kalico commit it describes.
 */
final class ObjectTable {
  static final String RESOURCE = "kalico-objects.txt";

  /** One object to load, with the condition under which it is loaded. */
  record Item(String name, Condition condition, String option) {
    enum Condition {
      ALWAYS,
      IF_SET,
      UNLESS_FALSE,
      PREFIX_ONLY
    }
  }

  final String commit;
  final List<Item> early;
  final List<Item> canbus;
  final List<Item> extras;
  final Map<String, List<Item>> kinematics;
  final List<Item> toolhead;
  final List<Item> extruder;
  final List<Item> sensorModules;
  final Map<String, String> sensorObjects;
  final Set<String> sensorsWithoutAdc;
  final Map<String, List<Item>> macros;

  /** Every stock module, with what it loads first (often nothing). */
  final Map<String, List<Item>> modules;

  private ObjectTable(Map<String, List<String>> lines) {
    commit = single(lines, "commit");
    early = items(lines, "early");
    canbus = items(lines, "canbus");
    extras = items(lines, "extras");
    toolhead = items(lines, "toolhead");
    extruder = items(lines, "extruder");
    sensorModules = items(lines, "sensor modules");
    sensorsWithoutAdc = Set.copyOf(lines.getOrDefault("sensor without adc", List.of()));
    kinematics = new HashMap<>();
    sensorObjects = new HashMap<>();
    macros = new HashMap<>();
    modules = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : lines.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("kinematics ")) {
        kinematics.put(key.substring("kinematics ".length()), parse(e.getValue()));
      } else if (key.startsWith("sensor object ")) {
        sensorObjects.put(key.substring("sensor object ".length()), e.getValue().get(0));
      } else if (key.startsWith("macro ")) {
        macros.put(key.substring("macro ".length()), parse(e.getValue()));
      } else if (key.startsWith("module ")) {
        modules.put(key.substring("module ".length()), parse(e.getValue()));
      } else if (key.equals("module")) {
        e.getValue().forEach(m -> modules.putIfAbsent(m, List.of()));
      }
    }
  }

  /** The table this build ships. */
  static ObjectTable stock() {
    try (InputStream in = ObjectTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectTable parse(InputStream in) throws IOException {
    Map<String, List<String>> lines = new LinkedHashMap<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      int colon = t.indexOf(':');
      String key = t.substring(0, colon).strip();
      String rest = t.substring(colon + 1).strip();
      List<String> values =
          rest.isEmpty() ? List.of() : Arrays.stream(rest.split("\\|")).map(String::strip).toList();
      lines.merge(
          key,
          values,
          (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
          });
    }
    return new ObjectTable(lines);
  }

  private static String single(Map<String, List<String>> lines, String key) {
    List<String> v = lines.get(key);
    if (v == null || v.size() != 1) {
      throw new IllegalStateException(RESOURCE + " needs exactly one '" + key + ":' value");
    }
    return v.get(0);
  }

  private static List<Item> items(Map<String, List<String>> lines, String key) {
    return parse(lines.getOrDefault(key, List.of()));
  }

  private static List<Item> parse(List<String> raw) {
    List<Item> items = new ArrayList<>();
    for (String s : raw) {
      int bracket = s.indexOf(" [");
      if (bracket < 0) {
        items.add(new Item(s, Item.Condition.ALWAYS, null));
        continue;
      }
      String name = s.substring(0, bracket).strip();
      String[] cond = s.substring(bracket + 2, s.length() - 1).strip().split("\\s+");
      items.add(
          switch (cond[0]) {
            case "if" -> new Item(name, Item.Condition.IF_SET, cond[1]);
            case "unless" -> new Item(name, Item.Condition.UNLESS_FALSE, cond[1]);
            case "prefix" -> new Item(name, Item.Condition.PREFIX_ONLY, null);
            default ->
                throw new IllegalStateException(RESOURCE + ": unknown condition in '" + s + "'");
          });
    }
    return List.copyOf(items);
  }
}
