package gg.kalico.telemetry.cli;

/**
 * Text that came from a plugin (ids, versions, descriptions, receipts, exception messages) made
 * safe for a terminal: control characters (escape sequences included) become '?', and it is cut
 * to a bound.
 */
final class TerminalText {
  static final int MAX = 300;

  private TerminalText() {}

  static String clean(Object text) {
    if (text == null) {
      return "";
    }
    String s = text.toString().replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u200E\\u200F\\u202A-\\u202E"
        + "\\u2066-\\u2069]", "?");
    return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
  }
}
