package gg.kalico.telemetry.core.transport.https;

import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTP clients that verify certificates and host names: the JDK's trust store by default, or only
 * the certificates of a PEM file for a private endpoint; directly or through a proxy, which only
 * tunnels the connection. One client per trust and proxy choice.
 */
final class TrustedClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  HttpClient forCaFile(Path caFile) {
    return client(caFile, null);
  }

  /** The client for a trust choice, connecting through {@code proxy} (null: directly). */
  HttpClient client(Path caFile, InetSocketAddress proxy) {
    String key =
        (caFile == null ? "" : caFile.toAbsolutePath().normalize().toString())
            + "\n"
            + (proxy == null ? "" : proxy.getHostString() + ":" + proxy.getPort());
    return clients.computeIfAbsent(key, k -> build(caFile, proxy));
  }

  private static HttpClient build(Path caFile, InetSocketAddress proxy) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(proxy == null ? HttpClient.Builder.NO_PROXY : ProxySelector.of(proxy));
    if (caFile != null) {
      b.sslContext(sslContext(caFile));
    }
    return b.build();
  }

  private static SSLContext sslContext(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, c);
      }
      if (n == 0) {
        throw new TelemetryException(
            "--ca-file "
                + caFile
                + " holds no certificate; give a PEM"
                + " file with the endpoint's CA certificate");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new TelemetryException(
          "--ca-file "
              + caFile
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "); give a readable PEM file",
          e);
    } catch (GeneralSecurityException e) {
      throw new TelemetryException(
          "--ca-file "
              + caFile
              + " is not a PEM certificate file ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
  }
}
