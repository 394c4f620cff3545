package gg.kalico.telemetry.builtin.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses os-release (freedesktop.org format) and keeps only the allow-listed keys. Values may be
 * unquoted, or quoted with {@code "} or {@code '}; inside double quotes {@code \"}, {@code \\},
 * {@code \$} and {@code \`} are escapes. Comments, blank lines, malformed lines and empty values
 * are skipped.
 */
final class OsRelease {
  /** The keys that may leave the machine; anything else (URLs, custom keys) is dropped. */
  static final List<String> ALLOWED =
      List.of(
          "NAME",
          "ID",
          "ID_LIKE",
          "VERSION_ID",
          "VERSION_CODENAME",
          "PRETTY_NAME",
          "VARIANT_ID",
          "BUILD_ID");

  private static final int MAX_VALUE = 256;

  private OsRelease() {}

  static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq);
      if (!ALLOWED.contains(key)) {
        continue;
      }
      String value = unquote(line.substring(eq + 1));
      if (value != null && !value.isEmpty() && value.length() <= MAX_VALUE) {
        out.put(key, value);
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String key : ALLOWED) {
      if (out.containsKey(key)) {
        ordered.put(key, out.get(key));
      }
    }
    return ordered;
  }

  /** The value with shell-style quoting removed, or null when the quoting is broken. */
  static String unquote(String v) {
    if (v.isEmpty()) {
      return v;
    }
    char q = v.charAt(0);
    if (q != '"' && q != '\'') {
      return v.contains(" ") || v.contains("\"") || v.contains("'") ? null : v;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == q) {
        return i == v.length() - 1 ? sb.toString() : null;
      }
      if (q == '"' && c == '\\' && i + 1 < v.length() && "\"\\$`".indexOf(v.charAt(i + 1)) >= 0) {
        sb.append(v.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    return null; // unterminated quote
  }
}
