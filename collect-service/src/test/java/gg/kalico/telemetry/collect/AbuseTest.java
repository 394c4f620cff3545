package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that misbehave on purpose: a body that never ends, a client that says nothing, and 2,000
 * connections opened and dropped at once. The service keeps answering and its memory stays bounded.
 * Every loop here is bounded in count and time.
 */
class AbuseTest {
  @TempDir Path tmp;

  private CollectService server;

  @BeforeEach
  void start() throws Exception {
    server =
        CollectService.start(
            Services.settings("sqlite", tmp)
                .idleTimeout(Duration.ofSeconds(1))
                .ratePerAddressPerMinute(0)
                .build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Socket connect() throws Exception {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(10_000);
    return s;
  }

  /** Reads until the server closes the connection; returns what it said. */
  private static String readToClose(Socket s) throws Exception {
    InputStream in = s.getInputStream();
    StringBuilder said = new StringBuilder();
    byte[] buf = new byte[4096];
    int n;
    try {
      while ((n = in.read(buf)) != -1) {
        said.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
      }
    } catch (SocketException e) {
      // reset: closed too
    }
    return said.toString();
  }

  private void stillAnswers() throws Exception {
    assertThat(Http.get(server.collectUri().resolve("/health")).status()).isEqualTo(200);
    assertThat(
            Http.postReport(
                    server.collectUri(),
                    Reports.json(Reports.canonical("ok")),
                    UUID.randomUUID().toString())
                .status())
        .isEqualTo(202);
  }

  @Test
  void aBodyThatNeverEndsIsCutOffAtTheIdleTimeout() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 100000\r\n\r\n{\"schema_version\":")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      String said = readToClose(s);
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertThat(seconds).as("closed after the 1 s idle timeout").isLessThan(8);
      // stalled is slower than any rate: 408, as for a trickle (docs/collect-service.md promises
      // it)
      assertThat(said)
          .doesNotContain("HTTP/1.1 202")
          .contains("HTTP/1.1 408", "problems/slow-body");
    }
    stillAnswers();
  }

  @Test
  void aClientThatSaysNothingIsDisconnected() throws Exception {
    try (Socket s = connect()) {
      long start = System.nanoTime();
      assertThat(readToClose(s)).isEmpty();
      assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(8);
    }
    stillAnswers();
  }

  @Test
  void twoThousandConnectionsOpenedAndDroppedAtOnce() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 2000; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        if (i % 2 == 0) {
          // half of them start a request and leave mid-headers
          s.getOutputStream()
              .write("POST /collect HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        sockets.add(s);
      }
    } finally {
      for (Socket s : sockets) {
        s.setSoLinger(true, 0); // dropped: reset, not a polite close
        s.close();
      }
    }
    stillAnswers();
    System.gc();
    Runtime r = Runtime.getRuntime();
    assertThat(r.totalMemory() - r.freeMemory())
        .as("heap in use after the storm")
        .isLessThan(256L << 20);
  }
}
