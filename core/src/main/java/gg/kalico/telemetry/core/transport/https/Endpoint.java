package gg.kalico.telemetry.core.transport.https;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import gg.kalico.telemetry.spi.TelemetryException;

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
      throw new TelemetryException("endpoint '" + safe(text) + "' is not a valid URL; write it"
          + " like https://telemetry.kalico.gg/collect");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) {
      throw new TelemetryException("endpoint '" + safe(text) + "' has no host; write it like"
          + " https://telemetry.kalico.gg/collect");
    }
    if (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()))) {
      return new Endpoint(uri);
    }
    throw new TelemetryException("endpoint '" + safe(text) + "' must use https:// (http:// is"
        + " accepted only for a loopback address such as 127.0.0.1)");
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /** Whether {@code other} has the same scheme, host and port. */
  boolean sameOrigin(URI other) {
    return other.getScheme() != null && other.getHost() != null
        && uri.getScheme().equalsIgnoreCase(other.getScheme())
        && uri.getHost().equalsIgnoreCase(other.getHost()) && port(uri) == port(other);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /** scheme://host[:port]/path, without user info, query or fragment. */
  String shown() {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static String safe(String text) {
    String t = text.strip();
    int at = t.indexOf('@');
    int scheme = t.indexOf("://");
    if (at >= 0 && scheme >= 0 && at > scheme) {
      t = t.substring(0, scheme + 3) + "…" + t.substring(at);
    }
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
