package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Services;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body trickled in slower than the documented 1 KiB/s is answered 408, as docs/collect-service.md
 * says, not 400.
 */
class SlowBodyTest {
  @TempDir Path tmp;

  @Test
  void aBodySlowerThanTheMinimumRateIs408() throws Exception {
    try (CollectService server =
            CollectService.start(
                Services.settings("sqlite", tmp).ratePerAddressPerMinute(0).build());
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /collect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 4096\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = "";
      InputStream in = s.getInputStream();
      // a byte every 250 ms: 4 B/s, for at most 10 s (the service gives up long before)
      for (int i = 0; i < 40; i++) {
        try {
          out.write(' ');
          out.flush();
        } catch (java.io.IOException closed) {
          break;
        }
        Thread.sleep(250);
        if (in.available() > 0) {
          break;
        }
      }
      byte[] buf = new byte[4096];
      int n = in.read(buf);
      answer = n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : "";
      assertThat(answer).startsWith("HTTP/1.1 408");
    }
  }
}
