package gg.kalico.telemetry.builtin.software;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a git remote URL to host and path: user names, passwords and tokens (also a token that
 * stands alone as the user name), ports, queries and fragments go; scp-like ({@code
 * git@host:owner/repo.git}) and {@code ssh://} forms become {@code host/owner/repo}; a remote on
 * this machine (a path or {@code file://}) becomes {@code local}; a server on the local network (a
 * private, loopback or link-local address, or a host name without a dot) becomes {@code private},
 * since its name and paths belong to the user, not to a public forge. A password may hold {@code
 * /}, {@code #} or {@code @}: the user info ends at the last {@code @} that is followed by a host
 * name.
 */
public final class RemoteUrls {
  /** What a remote on the same machine is reported as. */
  public static final String LOCAL = "local";

  /** What a remote on the local network is reported as. */
  public static final String PRIVATE = "private";

  /** host[:port] then the path, query, fragment or the end: where user info cannot reach. */
  private static final Pattern HOST_THEN_REST =
      Pattern.compile(
          "^(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)(?::\\d{1,5})?(?:[/?#].*)?$",
          Pattern.DOTALL);

  private static final Pattern SCHEME =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$", Pattern.DOTALL);
  private static final Pattern SCP =
      Pattern.compile("^(?:[^@/]*@)?([^:/@\\[\\]]+|\\[[^\\]]+\\]):(.*)$", Pattern.DOTALL);

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
      String rest = afterUserInfo(scheme.group(2));
      int end = indexOfAny(rest, "/?#");
      String authority = end < 0 ? rest : rest.substring(0, end);
      path = end < 0 ? "" : rest.substring(end);
      host = hostOf(authority);
    } else {
      Matcher scp = SCP.matcher(s);
      if (!scp.matches()
          || scp.group(1).length() == 1
          || s.startsWith("/")
          || s.startsWith(".")
          || s.startsWith("~")) {
        return LOCAL; // a path; a one-letter "host" is a Windows drive
      }
      host = hostOf(scp.group(1));
      path = scp.group(2);
    }
    if (host.isEmpty()) {
      return LOCAL;
    }
    if (isPrivate(host)) {
      return PRIVATE;
    }
    return host + cleanPath(path);
  }

  /** The text after the user info: after the last '@' that a host name follows, if any. */
  private static String afterUserInfo(String rest) {
    for (int at = rest.lastIndexOf('@'); at >= 0; at = rest.lastIndexOf('@', at - 1)) {
      if (HOST_THEN_REST.matcher(rest.substring(at + 1)).matches()) {
        return rest.substring(at + 1);
      }
      if (at == 0) {
        break;
      }
    }
    return rest;
  }

  /** A loopback, private or link-local address, or a single-label (LAN) name. */
  static boolean isPrivate(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.contains(":")) {
      String v6 = h.toLowerCase(Locale.ROOT);
      return v6.equals("::1")
          || v6.startsWith("fc")
          || v6.startsWith("fd")
          || v6.startsWith("fe8")
          || v6.startsWith("fe9")
          || v6.startsWith("fea")
          || v6.startsWith("feb");
    }
    Matcher ip = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}").matcher(h);
    if (ip.matches()) {
      int a = Integer.parseInt(ip.group(1));
      int b = Integer.parseInt(ip.group(2));
      return a == 10
          || a == 127
          || (a == 172 && b >= 16 && b <= 31)
          || (a == 192 && b == 168)
          || (a == 169 && b == 254)
          || (a == 100 && b >= 64 && b <= 127)
          || a == 0;
    }
    return !h.contains(".")
        || h.endsWith(".local")
        || h.endsWith(".lan")
        || h.endsWith(".home")
        || h.endsWith(".internal");
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
