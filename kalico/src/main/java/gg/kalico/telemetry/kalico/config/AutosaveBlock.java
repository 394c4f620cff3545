package gg.kalico.telemetry.kalico.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kalico's in-memory SAVE_CONFIG block: sections in first-seen order, options (lower-cased) in
 * first-seen order with the values as the config parser stored them. {@link #render()} writes it
 * the way Kalico's SAVE_CONFIG does, header included.
 */
final class AutosaveBlock {
  private static final String HEADER_LINES =
      "#*# <---------------------- SAVE_CONFIG ---------------------->\n"
          + "#*# DO NOT EDIT THIS BLOCK OR BELOW. The contents are auto-generated.\n#*#";

  private final Map<String, String> defaults = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

  /** The block Kalico holds after its start-up read. */
  static AutosaveBlock of(IniModel model) {
    AutosaveBlock block = new AutosaveBlock();
    model.defaults.forEach((k, o) -> block.defaults.put(k, o.value()));
    model.sections.forEach(
        (name, options) -> {
          Map<String, String> copy = new LinkedHashMap<>();
          options.forEach((k, o) -> copy.put(k, o.value()));
          block.sections.put(name, copy);
        });
    return block;
  }

  /**
   * configfile.set(): adds the section at the end if missing; an existing option keeps its place.
   */
  void set(String section, String option, String value) {
    sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(PyText.lower(option), value);
  }

  /** The stored value, or null. */
  String get(String section, String option) {
    Map<String, String> own = sections.get(section);
    String key = PyText.lower(option);
    if (own != null && own.containsKey(key)) {
      return own.get(key);
    }
    return own != null || IniModel.DEFAULT_SECTION.equals(section) ? defaults.get(key) : null;
  }

  /** RawConfigParser.has_option: a null or DEFAULT section asks the defaults. */
  boolean hasOption(String section, String option) {
    String key = PyText.lower(option);
    if (section == null || section.isEmpty() || section.equals(IniModel.DEFAULT_SECTION)) {
      return defaults.containsKey(key);
    }
    Map<String, String> own = sections.get(section);
    return own != null && (own.containsKey(key) || defaults.containsKey(key));
  }

  /** Every (section, option) pair, defaults included in each section, as options() lists them. */
  List<String[]> options() {
    List<String[]> all = new ArrayList<>();
    sections.forEach(
        (name, own) -> {
          own.keySet().forEach(k -> all.add(new String[] {name, k}));
          defaults.keySet().stream()
              .filter(k -> !own.containsKey(k))
              .forEach(k -> all.add(new String[] {name, k}));
        });
    return all;
  }

  /**
   * The text SAVE_CONFIG appends: a blank line, the three header lines, then each line of
   * RawConfigParser.write() output (stripped) prefixed with {@code #*# }, and a final newline.
   */
  String render() {
    StringBuilder ini = new StringBuilder();
    if (!defaults.isEmpty()) {
      writeSection(ini, IniModel.DEFAULT_SECTION, defaults);
    }
    sections.forEach((name, options) -> writeSection(ini, name, options));
    StringBuilder out = new StringBuilder("\n\n").append(HEADER_LINES).append('\n');
    String body = PyText.strip(ini.toString());
    for (String line : body.split("\n", -1)) {
      out.append(PyText.strip("#*# " + line)).append('\n');
    }
    return out.toString();
  }

  private static void writeSection(StringBuilder ini, String name, Map<String, String> options) {
    ini.append('[').append(name).append("]\n");
    options.forEach(
        (k, v) -> ini.append(k).append(" = ").append(v.replace("\n", "\n\t")).append('\n'));
    ini.append('\n');
  }

  @Override
  public String toString() {
    return "AutosaveBlock" + Arrays.toString(sections.keySet().toArray());
  }
}
