package gg.kalico.telemetry.kalico.config;

/**
 * Python's {@code fnmatch.fnmatchcase}: {@code *}, {@code ?}, {@code [seq]} and {@code [!seq]} with
 * ranges, case-sensitive, where an unclosed {@code [} is a literal.
 */
final class FnMatch {
  private FnMatch() {}

  static boolean matches(String pattern, String name) {
    return match(pattern, 0, name, 0);
  }

  private static boolean match(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = si; k <= s.length(); k++) {
          if (match(p, pi, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        return false;
      }
      if (c == '?') {
        pi++;
        si++;
        continue;
      }
      if (c == '[') {
        int end = classEnd(p, pi);
        if (end < 0) {
          if (s.charAt(si) != '[') {
            return false;
          }
          pi++;
          si++;
          continue;
        }
        if (!inClass(p, pi + 1, end, s.charAt(si))) {
          return false;
        }
        pi = end + 1;
        si++;
        continue;
      }
      if (c != s.charAt(si)) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }

  /** Index of the closing bracket of the class opened at {@code open}, or -1 when unclosed. */
  private static int classEnd(String p, int open) {
    int j = open + 1;
    if (j < p.length() && p.charAt(j) == '!') {
      j++;
    }
    if (j < p.length() && p.charAt(j) == ']') {
      j++;
    }
    while (j < p.length() && p.charAt(j) != ']') {
      j++;
    }
    return j < p.length() ? j : -1;
  }

  private static boolean inClass(String p, int from, int to, char ch) {
    boolean negate = from < to && p.charAt(from) == '!';
    int i = negate ? from + 1 : from;
    boolean found = false;
    while (i < to) {
      char lo = p.charAt(i);
      if (i + 2 < to && p.charAt(i + 1) == '-') {
        char hi = p.charAt(i + 2);
        if (lo <= ch && ch <= hi) {
          found = true;
        }
        i += 3;
      } else {
        if (lo == ch) {
          found = true;
        }
        i++;
      }
    }
    return found != negate;
  }
}
