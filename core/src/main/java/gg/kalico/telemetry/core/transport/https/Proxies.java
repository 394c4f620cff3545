package gg.kalico.telemetry.core.transport.https;

import gg.kalico.telemetry.spi.TelemetryException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy a request goes through, chosen as curl, git and pip choose it: {@code https_proxy} (or
 * {@code HTTPS_PROXY}) names it, {@code no_proxy} (or {@code NO_PROXY}) lists the hosts that are
 * reached directly. The proxy is only a tunnel (HTTP CONNECT): the endpoint's certificate is
 * verified exactly as without it.
 *
 * <p>{@code no_proxy} entries, separated by commas or spaces: {@code *} (no proxy at all), a host
 * name that matches itself and its subdomains (a leading dot is optional), an IP address, or an
 * address range in CIDR form ({@code 10.0.0.0/8}). A {@code :port} suffix on an entry is ignored.
 * The proxy itself is {@code http://host:port} or {@code host:port}; a proxy that needs a user name
 * and password is refused, and its credentials are never repeated in a message.
 */
final class Proxies {
  /** Transport option: the proxy, as the environment variable gives it. */
  static final String PROXY = "proxy";

  /** Transport option: the hosts reached without the proxy. */
  static final String NO_PROXY = "no_proxy";

  private Proxies() {}

  /**
   * The transport options the environment gives: {@value #PROXY} and {@value #NO_PROXY}, taken from
   * the lower-case variables first, as curl does.
   */
  static Map<String, String> optionsFrom(Map<String, String> environment) {
    Map<String, String> out = new HashMap<>();
    first(environment, "https_proxy", "HTTPS_PROXY")
        .ifPresent(
            v -> {
              parse(v); // a proxy that cannot be used is the user's to fix before anything is sent
              out.put(PROXY, v);
            });
    first(environment, "no_proxy", "NO_PROXY").ifPresent(v -> out.put(NO_PROXY, v));
    return out;
  }

  private static Optional<String> first(Map<String, String> env, String lower, String upper) {
    String v = env.get(lower);
    if (v == null || v.isBlank()) {
      v = env.get(upper);
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /**
   * The proxy for {@code target}, or empty to connect directly.
   *
   * @throws TelemetryException when the proxy setting cannot be used (named, never quoted beyond
   *     its host)
   */
  static Optional<InetSocketAddress> forTarget(String proxy, String noProxy, URI target) {
    if (proxy == null || proxy.isBlank()) {
      return Optional.empty();
    }
    if (noProxy != null && bypass(noProxy, target.getHost())) {
      return Optional.empty();
    }
    return Optional.of(parse(proxy));
  }

  static InetSocketAddress parse(String proxy) {
    String text = proxy.strip();
    URI uri;
    try {
      uri = new URI(text.contains("://") ? text : "http://" + text);
    } catch (URISyntaxException e) {
      throw new TelemetryException(
          "https_proxy is not a proxy address; give it as" + " http://host:port");
    }
    if (uri.getRawUserInfo() != null) {
      throw new TelemetryException(
          "https_proxy names a user and password; proxies that need"
              + " credentials are not supported. Use a proxy that lets this host through without"
              + " them, or unset https_proxy");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new TelemetryException(
          "https_proxy uses "
              + scheme
              + "://; only http:// proxies"
              + " (which tunnel the HTTPS connection) are supported");
    }
    if (uri.getHost() == null) {
      throw new TelemetryException("https_proxy has no host; give it as http://host:port");
    }
    int port = uri.getPort() == -1 ? 1080 : uri.getPort();
    String host =
        uri.getHost().startsWith("[")
            ? uri.getHost().substring(1, uri.getHost().length() - 1)
            : uri.getHost();
    return InetSocketAddress.createUnresolved(host, port);
  }

  /** Whether {@code host} is reached directly according to {@code noProxy}. */
  static boolean bypass(String noProxy, String host) {
    if (host == null) {
      return false;
    }
    String h = unbracket(host.toLowerCase(Locale.ROOT));
    for (String raw : noProxy.split("[,\\s]+")) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")) {
        return true;
      }
      if (entry.contains("/")) {
        if (inRange(entry, h)) {
          return true;
        }
        continue;
      }
      entry = unbracket(stripPort(entry));
      if (entry.startsWith(".")) {
        entry = entry.substring(1);
      }
      if (h.equals(entry) || (!isAddress(entry) && h.endsWith("." + entry))) {
        return true;
      }
    }
    return false;
  }

  private static String stripPort(String entry) {
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      return close < 0 ? entry : entry.substring(0, close + 1);
    }
    int colon = entry.indexOf(':');
    // one colon: host:port; more: an IPv6 address without brackets
    return colon >= 0 && entry.indexOf(':', colon + 1) < 0 ? entry.substring(0, colon) : entry;
  }

  private static String unbracket(String s) {
    return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
  }

  private static boolean isAddress(String s) {
    return s.contains(":") || s.matches("[0-9.]+");
  }

  /** Whether the literal address {@code host} lies in the CIDR range {@code entry}. */
  private static boolean inRange(String entry, String host) {
    if (!isAddress(host)) {
      return false; // names are not resolved to decide: that would leak them to DNS first
    }
    String[] parts = entry.split("/", 2);
    try {
      byte[] net = literal(parts[0]);
      byte[] addr = literal(host);
      int bits = Integer.parseInt(parts[1]);
      if (net == null
          || addr == null
          || net.length != addr.length
          || bits < 0
          || bits > net.length * 8) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The bytes of a literal IP address, never looked up. */
  private static byte[] literal(String s) {
    String t = unbracket(s);
    if (!isAddress(t)) {
      return null;
    }
    if (!t.contains(":")) {
      String[] octets = t.split("\\.", -1);
      if (octets.length != 4) {
        return null;
      }
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (octets[i].isEmpty() || octets[i].length() > 3) {
          return null;
        }
        int v = Integer.parseInt(octets[i]);
        if (v > 255) {
          return null;
        }
        out[i] = (byte) v;
      }
      return out;
    }
    try {
      return InetAddress.getByName(t).getAddress(); // has a colon: parsed, never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
