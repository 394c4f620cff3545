package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping lets the request in flight finish and be stored, then closes the store. */
class ShutdownTest {
  @TempDir Path tmp;

  @Test
  void aReportInFlightWhenTheServiceStopsIsStoredAndAnswered() throws Exception {
    CollectSettings s = Services.settings("sqlite", tmp).build();
    CollectService server = CollectService.start(s);
    byte[] body = Reports.json(Reports.canonical("in-flight")).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /collect HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Idempotency-Key: in-flight-1\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
      Thread.sleep(150); // the request is in the handler, reading its body

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
      Thread.sleep(150);
      assertThat(stopping).as("close waits for the request in flight").isNotDone();
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();

      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 202");
      stopping.get(20, TimeUnit.SECONDS);
    }
    assertThat(Database.column(s, "SELECT report_key FROM report_keys"))
        .containsExactly("in-flight-1");
  }
}
