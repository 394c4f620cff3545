package gg.kalico.telemetry.builtin.software;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a git remote URL to host and path: user names, passwords and tokens (also a token that
 * stands alone as the user name), ports, queries and fragments go; scp-like
 * ({@code git@host:owner/repo.git}) and {@code ssh://} forms become {@code host/owner/repo}; a
 * remote on this machine (a path or {@code file://}) becomes {@code local}.
 */
public final class RemoteUrls {
  /** What a remote on the same machine is reported as. */
  public static final String LOCAL = "local";

  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$",
      Pattern.DOTALL);
  private static final Pattern SCP = Pattern.compile("^(?:[^@/]*@)?([^:/@\\[\\]]+|\\[[^\\]]+\\]):(.*)$",
      Pattern.DOTALL);

  private RemoteUrls() {}

  /** The reduced remote, or null for a blank one. */
  public static String reduce(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String s = url.strip();
    Matcher scheme = SCHEME.matcher(s);
    String host;
    String path;
    if (scheme.matches()) {
      if (scheme.group(1).equalsIgnoreCase("file")) {
        return LOCAL;
      }
      String rest = scheme.group(2);
      int end = indexOfAny(rest, "/?#");
      String authority = end < 0 ? rest : rest.substring(0, end);
      path = end < 0 ? "" : rest.substring(end);
      host = hostOf(authority);
    } else {
      Matcher scp = SCP.matcher(s);
      if (!scp.matches() || scp.group(1).length() == 1 || s.startsWith("/") || s.startsWith(".")
          || s.startsWith("~")) {
        return LOCAL; // a path; a one-letter "host" is a Windows drive
      }
      host = hostOf(scp.group(1));
      path = scp.group(2);
    }
    if (host.isEmpty()) {
      return LOCAL;
    }
    return host + cleanPath(path);
  }

  private static String hostOf(String authority) {
    String h = authority.substring(authority.lastIndexOf('@') + 1);
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      h = close < 0 ? h : h.substring(0, close + 1);
    } else {
      int colon = h.indexOf(':');
      h = colon < 0 ? h : h.substring(0, colon);
    }
    return h.toLowerCase(Locale.ROOT);
  }

  private static String cleanPath(String path) {
    int cut = indexOfAny(path, "?#");
    String p = cut < 0 ? path : path.substring(0, cut);
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.endsWith(".git")) {
      p = p.substring(0, p.length() - 4);
    }
    return p.isEmpty() ? "" : "/" + p;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
