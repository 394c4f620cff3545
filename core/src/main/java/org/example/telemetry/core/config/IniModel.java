package org.example.telemetry.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Python's {@code RawConfigParser} holds after reading: sections in first-appearance order,
 * options in first-appearance order with their last value. Values live only while the reader
 * checks them; they never leave this package.
 */
final class IniModel {
  static final String DEFAULT_SECTION = "DEFAULT";

  /** One option: its raw value (lines joined later) and where it was last set. */
  static final class Option {
    final List<String> lines;
    String value;
    final OptionOrigin origin;

    Option(List<String> lines, OptionOrigin origin) {
      this.lines = lines;
      this.origin = origin;
    }

    String value() {
      if (value == null) {
        value = PyText.rstrip(String.join("\n", lines));
      }
      return value;
    }
  }

  final Map<String, Map<String, Option>> sections = new LinkedHashMap<>();
  final Map<String, Option> defaults = new LinkedHashMap<>();

  boolean hasOption(String section, String option) {
    String key = option.toLowerCase(java.util.Locale.ROOT);
    if (section == null || section.isEmpty() || section.equals(DEFAULT_SECTION)) {
      return defaults.containsKey(key);
    }
    Map<String, Option> own = sections.get(section);
    return own != null && (own.containsKey(key) || defaults.containsKey(key));
  }

  /** The section's own options, then the [DEFAULT] ones it does not have. */
  List<String> optionNames(String section) {
    Map<String, Option> own = sections.get(section);
    List<String> names = new java.util.ArrayList<>(own.size() + defaults.size());
    names.addAll(own.keySet());
    for (String d : defaults.keySet()) {
      if (!own.containsKey(d)) {
        names.add(d);
      }
    }
    return names;
  }

  /** The option a reference points at, or null when the section or option does not exist. */
  Option lookup(String section, String option) {
    Map<String, Option> own;
    if (sections.containsKey(section)) {
      own = sections.get(section);
    } else if (section.equals(DEFAULT_SECTION)) {
      own = Map.of();
    } else {
      return null;
    }
    String key = option.toLowerCase(java.util.Locale.ROOT);
    Option o = own.get(key);
    return o != null ? o : defaults.get(key);
  }
}
