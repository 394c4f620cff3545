package gg.kalico.telemetry.kalico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import gg.kalico.telemetry.core.SendReport;
import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule: deadlines hold. A transport that blocks and ignores interrupts cannot keep a round past its
 * budget (the attempt is abandoned, the document waits in the spool), and while a round is stuck
 * the example, the report state and close() answer at once: the facade's lock is never held during
 * network I/O. The bounds here guard against a hang; the stuck transport would block until the test
 * releases it.
 */
class RoundDeadlineTest {
  static volatile CountDownLatch entered;
  static volatile CountDownLatch release;

  /** Blocks until released, swallowing every interrupt, as a badly written plugin might. */
  public static final class StuckTransport implements Transport {
    @Override
    public String name() {
      return "stuck";
    }

    @Override
    public Receipt send(Payload payload) {
      entered.countDown();
      while (true) {
        try {
          if (release.await(1, TimeUnit.SECONDS)) {
            throw new IllegalStateException("released");
          }
        } catch (InterruptedException ignored) {
          // ignored on purpose
        }
      }
    }
  }

  private static final AbstractModule STUCK =
      new AbstractModule() {
        @Override
        protected void configure() {
          Multibinder.newSetBinder(binder(), Transport.class).addBinding().to(StuckTransport.class);
        }
      };

  @TempDir Path dir;

  @org.junit.jupiter.api.BeforeEach
  void newLatches() {
    entered = new CountDownLatch(1);
    release = new CountDownLatch(1);
  }

  @AfterEach
  void releaseTheTransport() {
    release.countDown();
  }

  private Path config() throws Exception {
    return Files.writeString(
        dir.resolve("printer.cfg"), "[printer]\nkinematics: none\n[telemetry]\nenabled: True\n");
  }

  @Test
  void aRoundEndsWithinItsBudgetWhenTheTransportIgnoresInterrupts() throws Exception {
    try (Telemetry telemetry =
        Telemetry.builder()
            .configPath(config())
            .environment(Map.of())
            .addModule(STUCK)
            .transport("stuck", Map.of())
            .roundBudget(Duration.ofSeconds(1))
            .build()) {
      SendReport report =
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> telemetry.sendNow());

      assertThat(report.delivered()).isEmpty();
      assertThat(report.deferred())
          .contains("stuck did not answer within the round's 1000 ms", "waits for the next round");
      assertThat(new Spool(dir).size()).as("the document waits in the spool").isEqualTo(1);
      assertThat(telemetry.reportState().lastError()).contains("did not answer");
    }
  }

  @Test
  void theExampleStatusAndCloseAnswerWhileARoundIsStuck() throws Exception {
    Telemetry telemetry =
        Telemetry.builder()
            .configPath(config())
            .environment(Map.of())
            .addModule(STUCK)
            .transport("stuck", Map.of())
            .roundBudget(Duration.ofMinutes(10))
            .build();
    CompletableFuture<SendReport> round = CompletableFuture.supplyAsync(telemetry::sendNow);
    assertThat(entered.await(30, TimeUnit.SECONDS)).as("the round reached the transport").isTrue();

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          assertThat(telemetry.writeExample().path()).exists();
          assertThat(new TelemetryCommands(telemetry).telemetryExample())
              .startsWith("Example telemetry saved");
          assertThat(telemetry.reportState().lastAttempt()).isNotNull();
          assertThat(telemetry.consent().allowsSending()).isTrue();
          telemetry.close();
        });
    assertThat(round).as("the round is still stuck meanwhile").isNotDone();
  }
}
