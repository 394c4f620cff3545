package gg.kalico.telemetry.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Text that came from a plugin (ids, versions, descriptions, receipts, exception messages) made
 * safe for a terminal: control characters (escape sequences included) become '?', and it is cut to
 * a bound.
 */
final class TerminalText {
  static final int MAX = 300;

  private TerminalText() {}

  private static final String UNSAFE =
      "[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u200E\\u200F\\u202A-\\u202E" + "\\u2066-\\u2069]";

  static String clean(Object text) {
    if (text == null) {
      return "";
    }
    String s = text.toString().replaceAll(UNSAFE, "?");
    return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
  }

  /** The longest error message shown whole: far above ours, a bound on a plugin's. */
  static final int MAX_MESSAGE = 4000;

  /**
   * An error message made safe for a terminal: it may name a file the user owns or carry a plugin's
   * words (a plugin transport refusing its options), so control characters become '?', and it is
   * cut at {@link #MAX_MESSAGE}.
   */
  static String message(Object text) {
    String s = text == null ? "" : text.toString().replaceAll(UNSAFE, "?");
    return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s;
  }

  /** A text of many lines (a document) made safe line by line, whatever its length. */
  static String cleanLines(String text) {
    return Arrays.stream(text.split("\n", -1))
        .map(l -> l.replaceAll(UNSAFE, "?"))
        .collect(Collectors.joining("\n"));
  }
}
