package gg.kalico.telemetry.kalico.config;

import java.util.Locale;

/**
 * Python's notion of white space and the string operations Kalico's parser builds on. Java's {@link
 * String#strip()} disagrees with Python on characters such as U+00A0 and U+0085, and those decide
 * where a value ends or whether a line is a continuation.
 */
final class PyText {
  private PyText() {}

  /** Python's {@code str.isspace()} for one character. */
  static boolean isSpace(char c) {
    if (c > ' ' && c < 0x7f) {
      return false; // printable ASCII: the common case
    }
    switch (c) {
      case '\t':
      case '\n':
      case 0x0b:
      case 0x0c:
      case '\r':
      case 0x1c:
      case 0x1d:
      case 0x1e:
      case 0x1f:
      case ' ':
      case 0x85:
      case 0xa0:
      case 0x1680:
      case 0x2028:
      case 0x2029:
      case 0x202f:
      case 0x205f:
      case 0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200a;
    }
  }

  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Index of the first non-space character, or -1. */
  static int firstNonSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isSpace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Python's {@code str.lower()}; returns the same string when nothing changes (the usual case).
   */
  static String lower(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || c >= 0x80) {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }

  /** Python's {@code str} ordering: by code point, not by UTF-16 unit. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
