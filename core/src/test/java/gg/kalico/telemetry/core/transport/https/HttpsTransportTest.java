package gg.kalico.telemetry.core.transport.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.core.testing.ScriptedHttpsServer;
import gg.kalico.telemetry.core.testing.ScriptedHttpsServer.Answer;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The https transport against a real TLS server on loopback, one scripted answer at a time. */
class HttpsTransportTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final String DOC = "{\n  \"schema_version\": 1\n}\n";

  @TempDir static Path tmp;

  private static ScriptedHttpsServer server;
  private final HttpsTransport transport = new HttpsTransport(Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeAll
  static void start() throws Exception {
    server = ScriptedHttpsServer.start(tmp);
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private Payload payload(String id) {
    return new Payload(
        id,
        DOC.getBytes(StandardCharsets.UTF_8),
        Map.of(
            "endpoint",
            server.url(),
            "ca_file",
            server.caPem().toString(),
            "user_agent",
            "kalico-telemetry/0.1.0 Kalico/v0.12.0"));
  }

  private TransportException failure(String id) {
    try {
      transport.send(payload(id));
    } catch (TransportException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void postsTheGzippedDocumentWithItsIdempotencyKey() {
    Receipt r = transport.send(payload("6f1c0c1e-0000-4000-8000-000000000001"));
    assertThat(r.destination()).isEqualTo(server.url());
    assertThat(r.bytes()).isEqualTo(DOC.length());
    var req = server.requests().get(0);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.path()).isEqualTo("/collect");
    assertThat(req.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(req.header("Content-Type")).isEqualTo("application/json");
    assertThat(req.header("Idempotency-Key")).isEqualTo("6f1c0c1e-0000-4000-8000-000000000001");
    assertThat(req.header("User-Agent")).isEqualTo("kalico-telemetry/0.1.0 Kalico/v0.12.0");
    assertThat(new String(req.body(), StandardCharsets.UTF_8)).isEqualTo(DOC);
  }

  @Test
  void everyStatusFrom200To599IsClassified() {
    server.script(n -> new Answer(200 + n, Map.of()));
    for (int status = 200; status <= 599; status++) {
      if (status >= 300 && status < 400) {
        // redirects without a Location are refused, never retried
        TransportException e = failure("id-" + status);
        assertThat(e.retryable()).as("HTTP %d", status).isFalse();
        continue;
      }
      if (status < 300) {
        assertThat(transport.send(payload("id-" + status)).transport()).isEqualTo("https");
        continue;
      }
      TransportException e = failure("id-" + status);
      boolean retry = status == 429 || status == 502 || status == 503 || status == 504;
      assertThat(e.retryable()).as("HTTP %d retryable", status).isEqualTo(retry);
      assertThat(e.getMessage()).contains("HTTP " + status);
      if (status == 413) {
        assertThat(e.getMessage()).contains("dropped");
      }
    }
    assertThat(server.requests()).hasSize(400);
  }

  @Test
  void retryAfterInSecondsAndAsAnHttpDateIsHonouredAndClamped() {
    String inTwoMinutes =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(NOW.plusSeconds(120), ZoneOffset.UTC));
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(NOW.minusSeconds(120), ZoneOffset.UTC));
    Map<String, Duration> cases = new java.util.LinkedHashMap<>();
    cases.put("7", Duration.ofSeconds(7));
    cases.put(inTwoMinutes, Duration.ofSeconds(120));
    cases.put("86400", Duration.ofSeconds(300));
    cases.put(past, Duration.ZERO);
    for (Map.Entry<String, Duration> c : cases.entrySet()) {
      server.always(new Answer(503, Map.of("Retry-After", c.getKey())));
      assertThat(failure("x").retryAfter()).as(c.getKey()).contains(c.getValue());
    }
    for (String bad : new String[] {"soon", "-5", "1.5", "Thu, 99 Foo 2026"}) {
      server.always(new Answer(429, Map.of("Retry-After", bad)));
      TransportException e = failure("x");
      assertThat(e.retryable()).isTrue();
      assertThat(e.retryAfter()).as(bad).isEmpty();
    }
  }

  @Test
  void aResetOrAConnectionClosedWithoutAnswerIsRetryable() {
    server.always(new ScriptedHttpsServer.Reset());
    assertThat(failure("a").retryable()).isTrue();
    server.always(new ScriptedHttpsServer.CloseAfterBody());
    assertThat(failure("b").retryable()).isTrue();
  }

  @Test
  void aStalledServerTimesOutAndIsRetryable() {
    server.always(new ScriptedHttpsServer.Stall());
    TransportException e = failure("stall");
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("no answer within 10 s");
  }

  @Test
  void aHugeAnswerIsNotReadToTheEnd() {
    server.always(new ScriptedHttpsServer.HugeBody(512L * 1024 * 1024));
    assertThat(transport.send(payload("huge")).transport()).isEqualTo("https");
  }

  @Test
  void redirectsAreFollowedOnlyWithinTheSameOrigin() {
    server.script(
        n ->
            n == 0
                ? new Answer(307, Map.of("Location", "/collect/v2"))
                : new Answer(200, Map.of()));
    transport.send(payload("r1"));
    assertThat(server.requests())
        .extracting(ScriptedHttpsServer.Request::path)
        .containsExactly("/collect", "/collect/v2");
    assertThat(server.requests().get(1).header("Idempotency-Key")).isEqualTo("r1");

    server.always(new Answer(308, Map.of("Location", "https://127.0.0.1:1/elsewhere")));
    TransportException other = failure("r2");
    assertThat(other.retryable()).isFalse();
    assertThat(other.getMessage()).contains("another origin");

    server.always(
        new Answer(302, Map.of("Location", "http://127.0.0.1:" + server.port() + "/collect")));
    assertThat(failure("r3").getMessage()).contains("another origin or to http://");
  }

  @Test
  void certificatesAndHostNamesAreVerified() throws Exception {
    Payload untrusted =
        new Payload("t", DOC.getBytes(StandardCharsets.UTF_8), Map.of("endpoint", server.url()));
    assertThatThrownBy(() -> transport.send(untrusted))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("TLS failed");
    try (ScriptedHttpsServer wrongName = ScriptedHttpsServer.start(tmp, "dns:example.net")) {
      Payload p =
          new Payload(
              "t",
              DOC.getBytes(StandardCharsets.UTF_8),
              Map.of("endpoint", wrongName.url(), "ca_file", wrongName.caPem().toString()));
      assertThatThrownBy(() -> transport.send(p))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("TLS failed");
      assertThat(wrongName.requests()).isEmpty();
    }
  }

  @Test
  void plainHttpIsRefusedExceptToLoopback() {
    Payload p =
        new Payload(
            "h",
            DOC.getBytes(StandardCharsets.UTF_8),
            Map.of("endpoint", "http://telemetry.example.net/collect"));
    assertThatThrownBy(() -> transport.send(p))
        .isInstanceOf(TelemetryException.class)
        .hasMessageContaining("must use https://");
    assertThat(Endpoint.parse("http://127.0.0.1:8080/collect").shown())
        .isEqualTo("http://127.0.0.1:8080/collect");
    assertThat(Endpoint.parse("https://host.example/c?k=CANARY").shown())
        .isEqualTo("https://host.example/c");
    assertThatThrownBy(() -> Endpoint.parse("https://user:CANARY@host.example/c?k=CANARY"))
        .isInstanceOf(TelemetryException.class)
        .hasMessageContaining("user name or password")
        .message()
        .doesNotContain("CANARY");
  }

  @Test
  void aDocumentOverOneMebibyteIsRefusedBeforeSending() {
    byte[] big = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    Payload p =
        new Payload(
            "big", big, Map.of("endpoint", server.url(), "ca_file", server.caPem().toString()));
    assertThatThrownBy(() -> transport.send(p))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("over 1 MiB")
        .satisfies(e -> assertThat(((TransportException) e).retryable()).isFalse());
    assertThat(server.requests()).isEmpty();
  }
}
