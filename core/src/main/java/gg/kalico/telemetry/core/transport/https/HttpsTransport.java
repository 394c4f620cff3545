package gg.kalico.telemetry.core.transport.https;

import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.MachineOwner;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.Transport;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLException;
import org.pf4j.Extension;

/**
 * The default transport: one HTTPS POST of the gzipped JSON document, with the document's id as
 * {@code Idempotency-Key}, so a retried document is counted once. Certificates and host names are
 * verified; a redirect is followed only to the same origin. One attempt per call: retries, backoff
 * and the spool belong to the caller.
 *
 * <p>Options: {@code endpoint} (required; the Kalico adapter gives Kalico's collect endpoint as the
 * default), {@code ca_file} (PEM, for private endpoints), {@code user_agent}, {@code proxy} and
 * {@code no_proxy} (as {@code https_proxy} and {@code no_proxy} give them; see {@link
 * #proxyOptions}).
 */
@Extension(ordinal = -30) // built-ins are listed first, the default first
public final class HttpsTransport implements Transport {
  /** Option: the endpoint URL. */
  public static final String ENDPOINT = "endpoint";

  /** Option: a PEM file whose certificates alone are trusted. */
  public static final String CA_FILE = "ca_file";

  /** Option: the User-Agent header. */
  public static final String USER_AGENT = Payload.USER_AGENT;

  /**
   * Option: the image of the machine's owner secret ({@code MachineOwner}), sent as the {@code
   * Telemetry-Owner} header so that the owner can later see and erase what is held.
   */
  public static final String OWNER = Payload.OWNER;

  /** The header the owner's image travels in. */
  public static final String OWNER_HEADER = "Telemetry-Owner";

  /**
   * Option: the schema version the document follows, {@code MAJOR.MINOR}, sent as the {@code
   * Telemetry-Schema} header so that a receiver on an earlier minor sets aside the fields it does
   * not know instead of refusing the report. The send round fills it in.
   */
  public static final String SCHEMA = Payload.SCHEMA;

  /** The header the schema version travels in. */
  public static final String SCHEMA_HEADER = "Telemetry-Schema";

  /** With a 415: the schema majors the receiver accepts (it does not know the document's). */
  public static final String MAJORS_HEADER = "Telemetry-Schema-Majors";

  /** A report the receiver cannot read yet waits at least this long: a later round, not now. */
  static final Duration LATER_ROUND = Duration.ofDays(1);

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final int MAX_RESPONSE_BYTES = 64 * 1024;
  static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
  static final int MAX_REDIRECTS = 3;
  private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);

  private final TrustedClients clients = new TrustedClients();
  private final Clock clock;

  /** The transport with the system clock. */
  public HttpsTransport() {
    this(Clock.systemUTC());
  }

  HttpsTransport(Clock clock) {
    this.clock = clock;
  }

  /**
   * Checks an endpoint as the transport will use it: an absolute https:// URL (http:// only to a
   * loopback address) without user info.
   *
   * @throws gg.kalico.telemetry.spi.TelemetryException naming the problem and the fix, never the
   *     URL's user info, query or fragment
   */
  public static void checkEndpoint(String endpoint) {
    Endpoint.parse(endpoint);
  }

  /**
   * The {@code proxy} and {@code no_proxy} options an environment gives, from {@code
   * https_proxy}/{@code HTTPS_PROXY} and {@code no_proxy}/{@code NO_PROXY} (lower case first, as
   * curl reads them).
   *
   * @throws gg.kalico.telemetry.spi.TelemetryException when the proxy cannot be used, naming the
   *     variable and the fix (never its credentials)
   */
  public static Map<String, String> proxyOptions(Map<String, String> environment) {
    return Proxies.optionsFrom(environment);
  }

  @Override
  public String name() {
    return "https";
  }

  /** Adds the proxy the environment names and requires an endpoint. */
  @Override
  public Map<String, String> options(Map<String, String> given, Map<String, String> environment) {
    Map<String, String> options = new HashMap<>(given);
    proxyOptions(environment).forEach(options::putIfAbsent);
    if (!options.containsKey(ENDPOINT)) {
      throw new TelemetryException(
          "the https transport needs an endpoint: give it with"
              + " transport(\"https\", Map.of(\"endpoint\", URL)) (CLI: --endpoint), or use a host"
              + " adapter that names one (telemetry-kalico names Kalico's)");
    }
    return options;
  }

  @Override
  public Receipt send(Payload payload) {
    Endpoint endpoint =
        Endpoint.parse(
            payload
                .option(ENDPOINT)
                .orElseThrow(
                    () ->
                        new TransportException(
                            "the https transport needs the option 'endpoint' (the collect"
                                + " URL); give --endpoint, or set it in the host's settings",
                            false)));
    byte[] body = payload.body();
    if (body.length > MAX_DOCUMENT_BYTES) {
      throw new TransportException(
          "the document is "
              + body.length
              + " bytes; documents over"
              + " 1 MiB are refused before sending",
          false);
    }
    URI target = endpoint.uri();
    InetSocketAddress proxy;
    try {
      proxy =
          Proxies.forTarget(
                  payload.option(Proxies.PROXY).orElse(null),
                  payload.option(Proxies.NO_PROXY).orElse(null),
                  target)
              .orElse(null);
    } catch (TelemetryException e) {
      // the document is kept: the setting is wrong, not the document
      throw new TransportException(e.getMessage(), true);
    }
    HttpClient client = clients.client(payload.option(CA_FILE).map(Path::of).orElse(null), proxy);
    byte[] gzipped = gzip(body);
    for (int hop = 0; ; hop++) {
      HttpResponse<InputStream> response = post(client, target, gzipped, payload);
      int status = response.statusCode();
      drain(response);
      if (status >= 200 && status < 300) {
        return new Receipt(
            name(), endpoint.shown(), payload.documentId(), body.length, clock.instant());
      }
      if (status >= 300 && status < 400) {
        target = redirect(endpoint, target, response, status, hop);
        continue;
      }
      if (RETRYABLE.contains(status)) {
        Duration wait =
            RetryAfter.parse(
                response.headers().firstValue("Retry-After").orElse(null), clock.instant());
        throw new TransportException(
            endpoint.shown() + " answered HTTP " + status + "; will retry", true, wait, null);
      }
      if (status == 415 && response.headers().firstValue(MAJORS_HEADER).isPresent()) {
        String majors =
            response
                .headers()
                .firstValue(MAJORS_HEADER)
                .get()
                .replaceAll("[^0-9,]", "")
                .replace(",", ", ");
        throw new TransportException(
            endpoint.shown()
                + " accepts schema majors "
                + majors
                + ", not this document's (HTTP 415); the report is kept and sent again in a later"
                + " round, once the receiver accepts its major; to reach this receiver now, send"
                + " with --schema-major "
                + majors.replaceAll(".*[, ]", ""),
            true,
            LATER_ROUND,
            null);
      }
      if (status == 413) {
        throw new TransportException(
            endpoint.shown() + " refused the document as too large" + " (HTTP 413); it is dropped",
            false);
      }
      throw new TransportException(
          endpoint.shown() + " answered HTTP " + status + "; the document is not retried", false);
    }
  }

  private URI redirect(Endpoint endpoint, URI from, HttpResponse<?> response, int status, int hop) {
    String location = response.headers().firstValue("Location").orElse(null);
    if (location == null || hop >= MAX_REDIRECTS) {
      throw new TransportException(
          endpoint.shown()
              + " answered HTTP "
              + status
              + (location == null ? " without a Location" : " too many times")
              + "; not retried",
          false);
    }
    URI next;
    try {
      next = from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new TransportException(endpoint.shown() + " redirected to an invalid URL", false);
    }
    if (!endpoint.sameOrigin(next)) {
      throw new TransportException(
          endpoint.shown()
              + " redirected to another origin or to"
              + " http://; refused, the document is not sent there",
          false);
    }
    return next;
  }

  private HttpResponse<InputStream> post(
      HttpClient client, URI target, byte[] gzipped, Payload payload) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .header("Idempotency-Key", payload.documentId())
            .header("User-Agent", payload.option(USER_AGENT).orElse("kalico-telemetry"));
    payload
        .option(OWNER)
        .filter(MachineOwner::wellFormed)
        .ifPresent(image -> builder.header(OWNER_HEADER, image));
    payload
        .option(SCHEMA)
        .filter(v -> v.matches("\\d{1,4}\\.\\d{1,4}"))
        .ifPresent(version -> builder.header(SCHEMA_HEADER, version));
    HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(gzipped)).build();
    String where = Endpoint.parse(target.toString()).shown();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw new TransportException(where + ": connection timed out", true, e);
    } catch (HttpTimeoutException e) {
      throw new TransportException(
          where + ": no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", true, e);
    } catch (ConnectException e) {
      throw new TransportException(
          where + ": cannot connect (" + e.getClass().getSimpleName() + ")", true, e);
    } catch (SSLException e) {
      throw new TransportException(
          where
              + ": TLS failed ("
              + e.getClass().getSimpleName()
              + "); check the certificate or --ca-file; the document is kept",
          true,
          e);
    } catch (IOException e) {
      throw new TransportException(
          where + ": the connection failed before an answer (" + e.getClass().getSimpleName() + ")",
          true,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(where + ": interrupted", true, e);
    }
  }

  /** Reads at most 64 KiB of the answer, for at most the request timeout, then closes it. */
  private static void drain(HttpResponse<InputStream> response) {
    InputStream in = response.body();
    ScheduledFuture<?> guard =
        WATCHDOG.schedule(
            () -> closeQuietly(in), REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      in.readNBytes(MAX_RESPONSE_BYTES);
    } catch (IOException e) {
      // the status line is what counts; a broken or stalled body does not change it
    } finally {
      guard.cancel(false);
      closeQuietly(in);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing a response body only releases the connection
    }
  }

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "telemetry-https-watchdog");
            t.setDaemon(true);
            return t;
          });

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new IllegalStateException("gzip into memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
