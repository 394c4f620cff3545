package gg.kalico.telemetry.kalico;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.report.ReportState;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One report per interval, in the background, with its history kept beside the config. */
class ReportCadenceTest {
  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static final AtomicInteger SENT = new AtomicInteger();

  /** Waits for the test to release it, so the test can see the caller was not blocked. */
  public static final class GatedTransport implements Transport {
    @Override
    public String name() {
      return "gated";
    }

    @Override
    public Receipt send(Payload payload) {
      try {
        RELEASE.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      SENT.incrementAndGet();
      return new Receipt(
          name(), "test", payload.documentId(), payload.body().length, Instant.now());
    }
  }

  @TempDir Path dir;

  @Test
  void reportsAtMostOncePerIntervalWithoutBlockingTheCaller() throws Exception {
    Path cfg = dir.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: none\n[telemetry]\nenabled: True\n");
    AbstractModule gated =
        new AbstractModule() {
          @Override
          protected void configure() {
            Multibinder.newSetBinder(binder(), Transport.class)
                .addBinding()
                .to(GatedTransport.class);
          }
        };
    Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    try (Telemetry first = build(cfg, gated, Clock.fixed(t0, ZoneOffset.UTC))) {
      var future = first.reportIfDue();
      assertThat(future).as("the caller is not blocked while the transport works").isNotDone();
      RELEASE.countDown();
      assertThat(future.get(30, TimeUnit.SECONDS).orElseThrow().delivered()).hasSize(1);
    }
    ReportState state = ReportState.read(dir);
    assertThat(state.lastSuccess()).isNotNull();
    assertThat(state.lastDigest()).matches("[0-9a-f]{64}");
    assertThat(Files.readAllBytes(dir.resolve(ReportState.LAST_REPORT))).isNotEmpty();

    try (Telemetry later =
        build(cfg, gated, Clock.fixed(t0.plus(Duration.ofHours(23)), ZoneOffset.UTC))) {
      assertThat(later.isDue()).isFalse();
      var report = later.reportIfDue().get(30, TimeUnit.SECONDS).orElseThrow();
      assertThat(report.newReport()).isFalse();
      assertThat(report.delivered()).isEmpty();
    }
    try (Telemetry nextDay =
        build(cfg, gated, Clock.fixed(t0.plus(Duration.ofHours(24)), ZoneOffset.UTC))) {
      assertThat(nextDay.isDue()).isTrue();
      assertThat(nextDay.reportIfDue().get(30, TimeUnit.SECONDS).orElseThrow().delivered())
          .hasSize(1);
    }
    assertThat(SENT.get()).isEqualTo(2);
  }

  private static Telemetry build(Path cfg, AbstractModule module, Clock clock) {
    return Telemetry.builder()
        .configPath(cfg)
        .addModule(module)
        .clock(clock)
        .transport("gated", Map.of())
        .environment(Map.of())
        .build();
  }
}
