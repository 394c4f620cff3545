package gg.kalico.telemetry.collect.web;

/** RFC 4180 fields, safe to open in a spreadsheet. */
final class Csv {
  private Csv() {}

  static String field(String value) {
    String v = value;
    // a leading = + - @ (or a TAB or CR before one) would be a formula in a spreadsheet: text
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
