package gg.kalico.telemetry.core.transport.https;

import gg.kalico.telemetry.spi.TelemetryException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A collect endpoint: {@code https://} only, except {@code http://} to this machine's loopback
 * address (for local relays and tests). Shown without user info, query or fragment.
 */
record Endpoint(URI uri) {

  static Endpoint parse(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new TelemetryException(
          "endpoint '"
              + safe(text)
              + "' is not a valid URL; write it"
              + " like https://telemetry.example.net/collect");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !uri.isAbsolute()) {
      throw new TelemetryException(
          "endpoint '"
              + safe(text)
              + "' is not an absolute URL with a"
              + " host; write it like https://telemetry.example.net/collect");
    }
    if (uri.getRawUserInfo() != null) {
      throw new TelemetryException(
          "endpoint '"
              + safe(text)
              + "' carries a user name or"
              + " password; remove it (the endpoint is sent to without credentials)");
    }
    if (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()))) {
      return new Endpoint(uri);
    }
    throw new TelemetryException(
        "endpoint '"
            + safe(text)
            + "' must use https:// (http:// is"
            + " accepted only for a loopback address such as 127.0.0.1)");
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /** Whether {@code other} has the same scheme, host and port. */
  boolean sameOrigin(URI other) {
    return other.getScheme() != null
        && other.getHost() != null
        && uri.getScheme().equalsIgnoreCase(other.getScheme())
        && uri.getHost().equalsIgnoreCase(other.getHost())
        && port(uri) == port(other);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /** scheme://host[:port]/path, without user info, query or fragment. */
  String shown() {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** The URL as a message may show it: no user info, query or fragment, bounded. */
  static String safe(String text) {
    String t = text.strip();
    int cut = t.length();
    for (char c : new char[] {'?', '#'}) {
      int i = t.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    t = t.substring(0, cut);
    int scheme = t.indexOf("://");
    int at = t.lastIndexOf('@');
    if (at >= 0 && scheme >= 0 && at > scheme) {
      t = t.substring(0, scheme + 3) + "…" + t.substring(at);
    } else if (at >= 0 && scheme < 0) {
      t = "…" + t.substring(at);
    }
    t = t.replaceAll("\\p{Cntrl}", "?");
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
