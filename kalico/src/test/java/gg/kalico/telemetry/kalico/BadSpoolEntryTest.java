package gg.kalico.telemetry.kalico;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad spool entry never blocks the queue: an id that is not a key, damaged JSON, and a document
 * the transport cannot send as it is each move to damaged/ and are counted, and the entries behind
 * them are sent in the same round.
 */
class BadSpoolEntryTest {
  static final List<String> SENT = new CopyOnWriteArrayList<>();
  static final String UNSENDABLE = "bbbbbbbb-0000-0000-0000-000000000002";

  /** Records what it sends; cannot build a request for one document. */
  public static final class RecordingTransport implements Transport {
    @Override
    public String name() {
      return "recording";
    }

    @Override
    public Receipt send(Payload payload) {
      if (payload.documentId().equals(UNSENDABLE)) {
        throw new IllegalArgumentException("invalid header value");
      }
      SENT.add(payload.documentId());
      return new Receipt(
          name(), "test", payload.documentId(), payload.body().length, Instant.now());
    }
  }

  @TempDir Path dir;

  @Test
  void badEntriesGoAsideAndTheRestAreSentInTheSameRound() throws Exception {
    Path cfg = dir.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: none\n[telemetry]\nenabled: True\n");
    Spool spool = new Spool(dir);
    Path folder = Files.createDirectories(dir.resolve(Spool.DIR));
    Files.writeString(
        folder.resolve("0000000000000001-a.json"),
        "{\"id\": \"not a key\\r\\nX-Evil: 1\", \"created\": \"2026-01-01T00:00:00Z\","
            + " \"body\": \"{}\"}");
    Files.writeString(folder.resolve("0000000000000002-b.json"), "{\"id\": \"torn");
    spool.add(UNSENDABLE, "{\"n\": 3}".getBytes(), Instant.parse("2026-01-01T00:00:03Z"));
    String good = "cccccccc-0000-0000-0000-000000000004";
    spool.add(good, "{\"n\": 4}".getBytes(), Instant.parse("2026-01-01T00:00:04Z"));
    SENT.clear();

    AbstractModule host =
        new AbstractModule() {
          @Override
          protected void configure() {
            Multibinder.newSetBinder(binder(), Transport.class)
                .addBinding()
                .to(RecordingTransport.class);
          }
        };
    try (Telemetry telemetry =
        Telemetry.builder()
            .configPath(cfg)
            .environment(Map.of())
            .addModule(host)
            .transport("recording", Map.of())
            .build()) {
      SendReport report = telemetry.sendIfDue();
      assertThat(report.deferred()).isNull();
    }

    assertThat(SENT).contains(good).doesNotContain(UNSENDABLE).hasSize(2); // good + today's
    assertThat(spool.size()).isZero();
    assertThat(spool.counters().damaged()).isEqualTo(3);
    try (var aside = Files.list(folder.resolve("damaged"))) {
      assertThat(aside).hasSize(3);
    }
  }
}
