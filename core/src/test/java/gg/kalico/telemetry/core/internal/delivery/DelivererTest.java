package gg.kalico.telemetry.core.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.testing.MutableClock;
import gg.kalico.telemetry.core.testing.ScriptedHttpsServer;
import gg.kalico.telemetry.core.testing.ScriptedHttpsServer.Answer;
import gg.kalico.telemetry.core.transport.https.HttpsTransport;
import gg.kalico.telemetry.spi.transport.Payload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sending rounds against the real https transport and a scripted server: the waits are checked
 * exactly with a seeded random source and a clock that the sleeper moves forward.
 */
class DelivererTest {
  static final long SEED = 42;

  @TempDir static Path tmp;

  static ScriptedHttpsServer server;

  /** Moves only when the sleeper sleeps. */
  private MutableClock clock;

  private List<Duration> waits;
  private Deliverer deliverer;

  @BeforeAll
  static void start() throws Exception {
    server = ScriptedHttpsServer.start(tmp);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void setUp() {
    server.reset();
    clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    waits = new ArrayList<>();
    deliverer =
        new Deliverer(
            new HttpsTransport(),
            clock,
            d -> {
              waits.add(d);
              clock.advance(d);
            },
            new Random(SEED));
  }

  private Payload payload() {
    return new Payload(
        "key-1",
        "{}\n".getBytes(StandardCharsets.UTF_8),
        Map.of("endpoint", server.url(), "ca_file", server.caPem().toString()));
  }

  @Test
  void withoutRetryAfterTheWaitsAreFullJitterWithinTheDoublingBounds() {
    server.always(new Answer(503, Map.of()));
    Outcome o = deliverer.deliver(payload());
    assertThat(o.kind()).isEqualTo(Outcome.Kind.DEFERRED);
    assertThat(o.attempts()).isEqualTo(5);
    assertThat(server.requests())
        .hasSize(5)
        .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("key-1"));
    Random expected = new Random(SEED);
    assertThat(waits).hasSize(4);
    for (int n = 0; n < 4; n++) {
      long ceiling = Math.min(60_000, 1000L << n);
      assertThat(waits.get(n).toMillis())
          .as("wait %d", n)
          .isBetween(0L, ceiling)
          .isEqualTo((long) (expected.nextDouble() * (ceiling + 1)));
    }
  }

  @Test
  void retryAfterIsHonouredExactly() {
    server.script(
        n -> n < 2 ? new Answer(429, Map.of("Retry-After", "7")) : new Answer(200, Map.of()));
    Outcome o = deliverer.deliver(payload());
    assertThat(o.kind()).isEqualTo(Outcome.Kind.DELIVERED);
    assertThat(o.attempts()).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
  }

  @Test
  void aRoundNeverRunsPastTwoMinutes() {
    server.always(new Answer(503, Map.of("Retry-After", "100")));
    Outcome o = deliverer.deliver(payload());
    assertThat(o.kind()).isEqualTo(Outcome.Kind.DEFERRED);
    assertThat(o.attempts()).isEqualTo(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(100));
    assertThat(o.detail()).contains("2 minutes");
  }

  @Test
  void anUnparseableRetryAfterFallsBackToBackoff() {
    server.script(
        n ->
            n == 0
                ? new Answer(503, Map.of("Retry-After", "later please"))
                : new Answer(200, Map.of()));
    deliverer.deliver(payload());
    assertThat(waits)
        .singleElement()
        .isEqualTo(Duration.ofMillis((long) (new Random(SEED).nextDouble() * 1001)));
  }

  @Test
  void aPermanentRefusalIsNotRetried() {
    server.always(new Answer(400, Map.of()));
    Outcome o = deliverer.deliver(payload());
    assertThat(o.kind()).isEqualTo(Outcome.Kind.REFUSED);
    assertThat(o.attempts()).isEqualTo(1);
    assertThat(waits).isEmpty();
  }
}
