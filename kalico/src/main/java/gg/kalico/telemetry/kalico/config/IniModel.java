package gg.kalico.telemetry.kalico.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Python's {@code RawConfigParser} holds after reading: sections in first-appearance order,
 * options in first-appearance order with their last value. Values live only while the reader checks
 * them; they never leave this package.
 */
final class IniModel {
  static final String DEFAULT_SECTION = "DEFAULT";

  /**
   * One option assignment: its name (lower-cased), where its value lines lie in the file's text
   * (joined only if a reference needs the value) and where it was set. Made once per line of a file
   * and shared by the passes that replay it.
   */
  static final class Option {
    final String name;
    final OptionOrigin origin;
    private String text;
    private int[] bounds = new int[2];
    private int lineCount;
    private String value;

    Option(String name, OptionOrigin origin) {
      this.name = name;
      this.origin = origin;
    }

    /** Adds a value line: {@code text[from, to)}, already stripped. */
    void addLine(String source, int from, int to) {
      text = source;
      if (lineCount * 2 == bounds.length) {
        bounds = Arrays.copyOf(bounds, bounds.length * 2);
      }
      bounds[lineCount * 2] = from;
      bounds[lineCount * 2 + 1] = to;
      lineCount++;
    }

    /** Whether the value holds "${" (a joined value cannot form one across lines). */
    boolean mayReference() {
      for (int i = 0; i < lineCount; i++) {
        for (int k = bounds[i * 2]; k + 1 < bounds[i * 2 + 1]; k++) {
          if (text.charAt(k) == '$' && text.charAt(k + 1) == '{') {
            return true;
          }
        }
      }
      return false;
    }

    /** The value as configparser holds it: lines joined with newlines, right-stripped. */
    String value() {
      if (value == null) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lineCount; i++) {
          if (i > 0) {
            sb.append('\n');
          }
          sb.append(text, bounds[i * 2], bounds[i * 2 + 1]);
        }
        value = PyText.rstrip(sb.toString());
      }
      return value;
    }
  }

  final Map<String, Map<String, Option>> sections = new LinkedHashMap<>();
  final Map<String, Option> defaults = new LinkedHashMap<>();

  boolean hasOption(String section, String option) {
    String key = PyText.lower(option);
    if (section == null || section.isEmpty() || section.equals(DEFAULT_SECTION)) {
      return defaults.containsKey(key);
    }
    Map<String, Option> own = sections.get(section);
    return own != null && (own.containsKey(key) || defaults.containsKey(key));
  }

  /** The section's own options, then the [DEFAULT] ones it does not have. */
  List<String> optionNames(String section) {
    Map<String, Option> own = sections.get(section);
    List<String> names = new ArrayList<>(own.size() + defaults.size());
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
    String key = PyText.lower(option);
    Option o = own.get(key);
    return o != null ? o : defaults.get(key);
  }
}
