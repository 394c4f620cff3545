package gg.kalico.telemetry.kalico.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code RawConfigParser.read_file()} call over a run of lines (Python 3.10+, {@code
 * strict=False}, inline comment prefixes {@code ;} and {@code #}).
 *
 * <p>Everything a chunk does depends on the chunk alone (parser state starts fresh for every
 * chunk), except where its sections land in the shared model. So a chunk is parsed once into a
 * {@link ParsedChunk} of steps, and the steps are replayed into each pass's model; Kalico's three
 * parses of the same included file cost one parse and three cheap replays.
 *
 * <p>Lines are given as offsets into the file's text, so no line is copied unless a name or a value
 * is taken from it.
 */
final class IniChunkParser {
  private IniChunkParser() {}

  /** A chunk's effect on a model: section switches and option assignments, or its error. */
  static final class ParsedChunk {
    private final Object[] steps;
    private final ConfigFileException error;

    private ParsedChunk(Object[] steps, ConfigFileException error) {
      this.steps = steps;
      this.error = error;
    }

    /** Replays the chunk into the model, or throws the chunk's parse error. */
    void applyTo(IniModel model) {
      if (error != null) {
        throw error;
      }
      Map<String, IniModel.Option> cursect = null;
      for (Object step : steps) {
        if (step instanceof String header) {
          Map<String, IniModel.Option> existing = model.sections.get(header);
          if (existing != null) {
            cursect = existing;
          } else if (header.equals(IniModel.DEFAULT_SECTION)) {
            cursect = model.defaults;
          } else {
            cursect = new LinkedHashMap<>();
            model.sections.put(header, cursect);
          }
        } else {
          IniModel.Option option = (IniModel.Option) step;
          cursect.put(option.name, option);
        }
      }
    }
  }

  /**
   * Parses lines into steps.
   *
   * @param text the file's text
   * @param starts where each line starts in {@code text}
   * @param limits where each line ends (its first {@code #}, or its newline)
   * @param count how many lines
   * @param lineNumbers the line number shown to the user for each line
   * @param file the file as shown to the user
   * @param blockFrom the first line number that lies in the SAVE_CONFIG block
   */
  static ParsedChunk parse(
      String text,
      int[] starts,
      int[] limits,
      int count,
      int[] lineNumbers,
      String file,
      int blockFrom) {
    List<Object> steps = new ArrayList<>();
    boolean inSection = false;
    IniModel.Option curopt = null;
    int indentLevel = 0;
    int firstBadLine = -1;
    for (int i = 0; i < count; i++) {
      int start = starts[i];
      int limit = limits[i];
      int first = start;
      while (first < limit && PyText.isSpace(text.charAt(first))) {
        first++;
      }
      if (first == limit) { // blank: kept inside a multi-line value
        if (inSection && curopt != null) {
          curopt.addLine(text, first, first);
        }
        continue;
      }
      char c = text.charAt(first);
      if (c == '#' || c == ';') {
        continue; // a comment line never ends a value
      }
      int end = limit;
      for (int k = first + 1; k < limit; k++) {
        char ch = text.charAt(k);
        if ((ch == ';' || ch == '#') && PyText.isSpace(text.charAt(k - 1))) {
          end = k;
          break;
        }
      }
      while (PyText.isSpace(text.charAt(end - 1))) {
        end--;
      }
      int indent = first - start;
      if (inSection && curopt != null && indent > indentLevel) {
        curopt.addLine(text, first, end);
        continue;
      }
      indentLevel = indent;
      if (c == '[') {
        int close = text.lastIndexOf(']', end - 1);
        if (close >= first + 2) {
          steps.add(text.substring(first + 1, close));
          inSection = true;
          curopt = null;
          continue;
        }
      }
      if (!inSection) {
        return new ParsedChunk(
            null,
            new ConfigFileException(
                file,
                lineNumbers[i],
                c == '\uFEFF' && first == start
                    ? "the file starts with a UTF-8 byte-order mark (BOM), which Kalico does not"
                        + " accept; save it as UTF-8 without BOM"
                    : "an option appears before any [section] header (after an [include] the"
                        + " previous section is closed); add the [section] this option belongs to"
                        + " above it"));
      }
      int delim = -1;
      for (int k = first; k < end; k++) {
        char ch = text.charAt(k);
        if (ch == '=' || ch == ':') {
          delim = k;
          break;
        }
      }
      if (delim < 0) {
        if (firstBadLine < 0) {
          firstBadLine = lineNumbers[i];
        }
        continue;
      }
      int nameEnd = delim;
      while (nameEnd > first && PyText.isSpace(text.charAt(nameEnd - 1))) {
        nameEnd--;
      }
      if (nameEnd == first && firstBadLine < 0) {
        firstBadLine = lineNumbers[i];
      }
      int valueStart = delim + 1;
      while (valueStart < end && PyText.isSpace(text.charAt(valueStart))) {
        valueStart++;
      }
      curopt =
          new IniModel.Option(
              PyText.lower(text.substring(first, nameEnd)),
              new OptionOrigin(file, lineNumbers[i], lineNumbers[i] >= blockFrom));
      curopt.addLine(text, valueStart, end);
      steps.add(curopt);
    }
    if (firstBadLine >= 0) {
      return new ParsedChunk(
          null,
          new ConfigFileException(
              file,
              firstBadLine,
              "this line is neither a [section] header nor an option; write options as 'name: value'"
                  + " or 'name = value', and indent the continuation lines of a multi-line value"));
    }
    return new ParsedChunk(steps.toArray(), null);
  }

  /** The name of {@code \[(.+)\]} matched at the start (greedy to the last ']'), or null. */
  static String sectionName(String s) {
    if (s.isEmpty() || s.charAt(0) != '[') {
      return null;
    }
    int close = s.lastIndexOf(']');
    return close >= 2 ? s.substring(1, close) : null;
  }
}
