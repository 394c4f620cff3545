package gg.kalico.telemetry.collect.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** A plain HTTP client for the tests: what a hand-written client (like Kalico's) sends. */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  /** An answer: status, headers, body as text. */
  public record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** POSTs a body with these headers (name, value, name, value, ...). */
  public static Answer post(URI uri, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r =
        CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(r.statusCode(), r.headers().map(), r.body());
  }

  /** POSTs JSON as this project's client does: gzip, with an Idempotency-Key. */
  public static Answer postReport(URI uri, String json, String key)
      throws IOException, InterruptedException {
    return post(
        uri,
        gzip(json.getBytes(StandardCharsets.UTF_8)),
        "Content-Type",
        "application/json",
        "Content-Encoding",
        "gzip",
        "Idempotency-Key",
        key);
  }

  /** POSTs JSON as Kalico's own client does: plain, no key. */
  public static Answer postKalico(URI uri, String json) throws IOException, InterruptedException {
    return post(uri, json.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
  }

  /** GETs a JSON answer that must be 200, parsed. */
  public static tools.jackson.databind.JsonNode json(URI uri)
      throws IOException, InterruptedException {
    Answer a = get(uri);
    if (a.status() != 200) {
      throw new AssertionError(uri.getPath() + " answered " + a.status() + ": " + a.body());
    }
    return tools.jackson.databind.json.JsonMapper.shared().readTree(a.body());
  }

  /** GETs a path of the service. */
  public static Answer get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.headers().map(), r.body());
  }

  public static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }
}
