package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of connections sending their bodies just above the minimum rate, or stalled mid-body,
 * more than the server has threads: {@code /health} and a normal report are still answered within a
 * second, and the server holds them with connections, not threads.
 */
class SlowClientsTest {
  private static final int STALLED = 200;
  private static final int TRICKLING = 200;

  @TempDir Path tmp;

  @Test
  void slowAndStalledBodiesOnHundredsOfConnectionsDelayNeitherHealthNorAReport() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (CollectService server =
        CollectService.start(
            Services.settings("sqlite", tmp)
                .ratePerAddressPerMinute(0)
                .idleTimeout(Duration.ofSeconds(60))
                .build())) {
      for (int i = 0; i < STALLED + TRICKLING; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.getOutputStream()
            .write(
                ("POST /collect HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 200000\r\n\r\n{\"a\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        sockets.add(s);
      }
      // 768 bytes every half second: 1.5 KiB/s, above the 1 KiB/s the service requires
      byte[] piece = new byte[768];
      Arrays.fill(piece, (byte) 'x');
      List<Socket> tricklers = sockets.subList(STALLED, sockets.size());
      trickle.scheduleAtFixedRate(
          () -> {
            for (Socket s : tricklers) {
              try {
                OutputStream out = s.getOutputStream();
                out.write(piece);
                out.flush();
              } catch (IOException cut) {
                // the service may end one; the others go on
              }
            }
          },
          0,
          500,
          TimeUnit.MILLISECONDS);
      Thread.sleep(1500);

      long slowest = 0;
      URI health = server.collectUri().resolve("/health");
      for (int i = 0; i < 8; i++) {
        long start = System.nanoTime();
        assertThat(Http.get(health).status()).isEqualTo(200);
        assertThat(
                Http.postReport(
                        server.collectUri(),
                        Reports.json(Reports.canonical("probe" + i)),
                        UUID.randomUUID().toString())
                    .status())
            .isEqualTo(202);
        slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        Thread.sleep(250);
      }
      assertThat(slowest)
          .as("slowest /health plus report, ms, under %d held connections", sockets.size())
          .isLessThan(1000);
      assertThat(busyServerThreads())
          .as("server threads at work while %d bodies are pending", sockets.size())
          .isLessThan(16);
      assertThat(openTricklers(tricklers))
          .as("trickling connections still open")
          .isGreaterThan(TRICKLING / 2);
    } finally {
      trickle.shutdownNow();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  /** Server threads at work (not idle in the pool, not accepting, not selecting). */
  private static long busyServerThreads() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().startsWith("JettyServerThreadPool"))
        .map(e -> Arrays.toString(e.getValue()))
        .filter(
            stack ->
                !stack.contains("idleJobPoll")
                    && !stack.contains("ReservedThread")
                    && !stack.contains("Acceptor")
                    && !stack.contains("ManagedSelector"))
        .count();
  }

  private static long openTricklers(List<Socket> tricklers) throws IOException {
    long open = 0;
    for (Socket s : tricklers) {
      // an answer (408) or a closed connection means it was cut
      if (s.getInputStream().available() == 0 && !s.isInputShutdown()) {
        open++;
      }
    }
    return open;
  }
}
