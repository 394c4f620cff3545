package gg.kalico.telemetry.plugins.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTransportTest {
  @TempDir Path dir;

  @Test
  void dropsTheDocumentNamedByItsIdAndARetryReplacesIt() throws Exception {
    Payload p =
        new Payload(
            "3f1c0c1e-0000-4000-8000-000000000001",
            "{}\n".getBytes(StandardCharsets.UTF_8),
            Map.of("dir", dir.toString()));
    new OutboxTransport().send(p);
    new OutboxTransport().send(p);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactly("3f1c0c1e-0000-4000-8000-000000000001.json");
    }
  }

  @Test
  void aMissingFolderIsRetryableAndNoFolderOptionIsPermanent() {
    Payload missing =
        new Payload("a", new byte[] {'{', '}'}, Map.of("dir", dir.resolve("nope").toString()));
    assertThatThrownBy(() -> new OutboxTransport().send(missing))
        .isInstanceOf(TransportException.class)
        .satisfies(e -> assertThat(((TransportException) e).retryable()).isTrue());
    assertThatThrownBy(() -> new OutboxTransport().send(new Payload("a", new byte[] {1}, Map.of())))
        .satisfies(e -> assertThat(((TransportException) e).retryable()).isFalse());
  }
}
