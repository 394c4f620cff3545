package gg.kalico.telemetry.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltInTransportsTest {
  @TempDir Path dir;

  private static Payload payload(Map<String, String> options) {
    return new Payload(
        "doc-1", "{\"schema_version\":1}\n".getBytes(StandardCharsets.UTF_8), options);
  }

  @Test
  void fileWritesTheExactBodyAndSaysWhere() throws Exception {
    Path out = dir.resolve("out.json");
    Receipt r = new FileTransport().send(payload(Map.of("path", out.toString())));
    assertThat(out).hasContent("{\"schema_version\":1}\n");
    assertThat(r.destination()).isEqualTo(out.toString());
    assertThat(r.bytes()).isEqualTo(21);
    assertThat(r.documentId()).isEqualTo("doc-1");
  }

  @Test
  void fileWithoutAPathIsAPermanentFailure() {
    assertThatThrownBy(() -> new FileTransport().send(payload(Map.of())))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("'path'")
        .satisfies(e -> assertThat(((TransportException) e).retryable()).isFalse());
  }

  @Test
  void fileIntoAMissingFolderIsRetryableAndWritesNothing() {
    Path out = dir.resolve("missing/out.json");
    assertThatThrownBy(() -> new FileTransport().send(payload(Map.of("path", out.toString()))))
        .isInstanceOf(TransportException.class)
        .satisfies(e -> assertThat(((TransportException) e).retryable()).isTrue());
    assertThat(Files.exists(dir.resolve("missing"))).isFalse();
  }

  @Test
  void stdoutPrintsTheBody() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Receipt r = new StdoutTransport().send(payload(Map.of()));
      assertThat(r.destination()).isEqualTo("stdout");
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("{\"schema_version\":1}\n");
  }
}
