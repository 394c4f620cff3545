package gg.kalico.telemetry.core.transport.https;

import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a machine's owner asks the collect service, beside the collect endpoint (same folder):
 * {@code machine} (what is held) and {@code machine/erase}, each one POST carrying the machine's id
 * and owner secret. The same rules as sending a report: an https:// endpoint (http:// only on
 * loopback), certificates and host names verified, {@code ca_file} and proxies honoured, no
 * redirect followed, the answer read up to 1 MiB within the request timeout.
 */
public final class OwnerRequests {
  static final int MAX_ANSWER_BYTES = 1 << 20;

  /** The service's answer: the status and the body as text. */
  public record Answer(int status, String body) {}

  private OwnerRequests() {}

  /**
   * Posts the proof to {@code path} beside the endpoint in {@code options}.
   *
   * @throws TransportException when the service cannot be reached (retryable: try again later) or
   *     the settings are wrong (not retryable)
   */
  public static Answer post(
      Map<String, String> options, String path, String machineId, String secret) {
    String configured = options.get(HttpsTransport.ENDPOINT);
    if (configured == null) {
      throw new TransportException(
          "no endpoint: give --endpoint, or set" + " KALICO_TELEMETRY_ENDPOINT", false);
    }
    Endpoint endpoint = Endpoint.parse(configured);
    URI target = endpoint.uri().resolve(path);
    InetSocketAddress proxy;
    try {
      proxy =
          Proxies.forTarget(options.get(Proxies.PROXY), options.get(Proxies.NO_PROXY), target)
              .orElse(null);
    } catch (TelemetryException e) {
      throw new TransportException(e.getMessage(), false);
    }
    String ca = options.get(HttpsTransport.CA_FILE);
    HttpClient client = new TrustedClients().client(ca == null ? null : Path.of(ca), proxy);
    String proof = "{\"machine_id\":\"" + machineId + "\",\"secret\":\"" + secret + "\"}";
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(HttpsTransport.REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header(
                "User-Agent", options.getOrDefault(HttpsTransport.USER_AGENT, "kalico-telemetry"))
            .POST(HttpRequest.BodyPublishers.ofString(proof, StandardCharsets.UTF_8))
            .build();
    String where = Endpoint.parse(target.toString()).shown();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        return new Answer(
            response.statusCode(),
            new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new TransportException(
          where + ": the service could not be reached (" + e.getClass().getSimpleName() + ")",
          true,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(where + ": interrupted", true, e);
    }
  }
}
