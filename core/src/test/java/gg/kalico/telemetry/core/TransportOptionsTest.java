package gg.kalico.telemetry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each transport owns its options: the facade hands it the caller's options and the host's
 * defaults, and sends with what the transport returns. A transport that refuses its options stops
 * the round before anything is collected or spooled; one that fails unexpectedly is named, its
 * options never.
 */
class TransportOptionsTest {
  static final String CANARY = "canary-option-value-8c1f";
  static final List<Map<String, String>> SEEN = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  /** Takes its queue name from the environment and requires a region. */
  static final class QueueTransport implements Transport {
    @Override
    public String name() {
      return "queue";
    }

    @Override
    public Map<String, String> options(Map<String, String> given, Map<String, String> env) {
      if (!given.containsKey("region")) {
        throw new TelemetryException("the queue transport needs the option 'region'");
      }
      Map<String, String> all = new HashMap<>(given);
      all.putIfAbsent("queue", env.getOrDefault("QUEUE_NAME", "default-queue"));
      return all;
    }

    @Override
    public Receipt send(Payload payload) {
      SEEN.add(payload.options());
      return new Receipt(
          name(), "queue", payload.documentId(), payload.body().length, Instant.EPOCH);
    }
  }

  /** Fails in its options check with a message that would leak what it was given. */
  static final class BrokenTransport implements Transport {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public Map<String, String> options(Map<String, String> given, Map<String, String> env) {
      throw new IllegalStateException("cannot use " + given);
    }

    @Override
    public Receipt send(Payload payload) {
      throw new AssertionError("never reached");
    }
  }

  private Telemetry telemetry(Map<String, String> env) throws Exception {
    Path cfg = Files.writeString(dir.resolve("host.conf"), "anything\n");
    return Telemetry.builder()
        .configPath(cfg)
        .environment(env)
        .hostConfigReader(
            (path, e) ->
                new HostConfig(
                    ConfigNames.empty(), new Consent(Consent.State.ENABLED, "the host's setting")))
        .addModule(
            new AbstractModule() {
              @Override
              protected void configure() {
                Multibinder<Transport> transports =
                    Multibinder.newSetBinder(binder(), Transport.class);
                transports.addBinding().to(QueueTransport.class);
                transports.addBinding().to(BrokenTransport.class);
              }
            })
        .build();
  }

  @Test
  void theTransportAddsWhatItTakesFromTheEnvironment() throws Exception {
    SEEN.clear();
    try (Telemetry t = telemetry(Map.of("QUEUE_NAME", "printers"))) {
      SendReport report = t.send("queue", Map.of("region", "eu"));
      assertThat(report.toString()).doesNotContain("printers");
    }
    assertThat(SEEN).hasSize(1);
    assertThat(SEEN.get(0))
        .containsEntry("region", "eu")
        .containsEntry("queue", "printers")
        .containsKey(Payload.USER_AGENT)
        .containsKey(Payload.SCHEMA)
        .doesNotContainKey("proxy");
  }

  @Test
  void aRefusedOptionStopsTheRoundBeforeAnythingIsSpooled() throws Exception {
    try (Telemetry t = telemetry(Map.of())) {
      assertThatThrownBy(() -> t.send("queue", Map.of()))
          .isInstanceOf(TelemetryException.class)
          .hasMessage("the queue transport needs the option 'region'");
    }
    assertThat(new Spool(dir).size()).isZero();
  }

  @Test
  void anUnexpectedFailureNamesTheTransportNeverItsOptions() throws Exception {
    try (Telemetry t = telemetry(Map.of())) {
      assertThatThrownBy(() -> t.send("broken", Map.of("token", CANARY)))
          .isInstanceOf(TelemetryException.class)
          .hasMessageContaining("the transport 'broken' failed to check its options")
          .hasMessageNotContaining(CANARY)
          .hasNoCause();
    }
    assertThat(new Spool(dir).size()).isZero();
  }
}
