package org.example.telemetry.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code RawConfigParser.read_file()} call over a run of lines (Python 3.10+,
 * {@code strict=False}, inline comment prefixes {@code ;} and {@code #}). Parser state starts fresh
 * for every chunk; sections and options accumulate in the shared {@link IniModel}.
 */
final class IniChunkParser {
  private IniChunkParser() {}

  /**
   * Parses lines into the model.
   *
   * @param lines the chunk's lines
   * @param lineNumbers the line number in {@code file} of each line
   * @param file the file as shown to the user
   * @param blockFrom the first line number that lies in the SAVE_CONFIG block
   */
  static void parse(IniModel model, List<String> lines, int[] lineNumbers, String file,
      int blockFrom) {
    Map<String, IniModel.Option> cursect = null;
    IniModel.Option curopt = null;
    int indentLevel = 0;
    int firstBadLine = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int cstart = commentStart(line);
      String value = PyText.strip(cstart < 0 ? line : line.substring(0, cstart));
      if (value.isEmpty()) {
        if (cstart < 0 && cursect != null && curopt != null) {
          curopt.lines.add("");
        }
        continue;
      }
      int indent = PyText.firstNonSpace(line);
      if (cursect != null && curopt != null && indent > indentLevel) {
        curopt.lines.add(value);
        continue;
      }
      indentLevel = indent;
      String header = sectionName(value);
      if (header != null) {
        Map<String, IniModel.Option> existing = model.sections.get(header);
        if (existing != null) {
          cursect = existing;
        } else if (header.equals(IniModel.DEFAULT_SECTION)) {
          cursect = model.defaults;
        } else {
          cursect = new java.util.LinkedHashMap<>();
          model.sections.put(header, cursect);
        }
        curopt = null;
        continue;
      }
      if (cursect == null && line.startsWith("\uFEFF")) {
        throw new ConfigFileException(file, lineNumbers[i], "the file starts with a UTF-8"
            + " byte-order mark (BOM), which Kalico does not accept; save it as UTF-8 without BOM");
      }
      if (cursect == null) {
        throw new ConfigFileException(file, lineNumbers[i],
            "an option appears before any [section] header (after an [include] the previous"
                + " section is closed); add the [section] this option belongs to above it");
      }
      int delim = delimiter(value);
      if (delim < 0) {
        if (firstBadLine < 0) {
          firstBadLine = lineNumbers[i];
        }
        curopt = null;
        continue;
      }
      String name = PyText.rstrip(value.substring(0, delim));
      if (name.isEmpty() && firstBadLine < 0) {
        firstBadLine = lineNumbers[i];
      }
      String optValue = PyText.strip(value.substring(delim + 1));
      List<String> valueLines = new ArrayList<>(1);
      valueLines.add(optValue);
      curopt = new IniModel.Option(valueLines,
          new OptionOrigin(file, lineNumbers[i], lineNumbers[i] >= blockFrom));
      cursect.put(name.toLowerCase(Locale.ROOT), curopt);
    }
    if (firstBadLine >= 0) {
      throw new ConfigFileException(file, firstBadLine,
          "this line is neither a [section] header nor an option; write options as 'name: value'"
              + " or 'name = value', and indent the continuation lines of a multi-line value");
    }
  }

  /**
   * Where a comment starts: 0 for a line whose stripped form starts with {@code #} or {@code ;},
   * else the first {@code #} or {@code ;} at column 0 or after white space; -1 for none.
   */
  static int commentStart(String line) {
    int first = PyText.firstNonSpace(line);
    if (first >= 0 && (line.charAt(first) == '#' || line.charAt(first) == ';')) {
      return 0;
    }
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if ((ch == '#' || ch == ';') && (i == 0 || PyText.isSpace(line.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  /** The name of {@code \[(.+)\]} matched at the start (greedy to the last ']'), or null. */
  static String sectionName(String s) {
    if (s.isEmpty() || s.charAt(0) != '[') {
      return null;
    }
    int close = s.lastIndexOf(']');
    return close >= 2 ? s.substring(1, close) : null;
  }

  /** Index of the first '=' or ':' (the option delimiter), or -1. */
  private static int delimiter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '=' || c == ':') {
        return i;
      }
    }
    return -1;
  }
}
