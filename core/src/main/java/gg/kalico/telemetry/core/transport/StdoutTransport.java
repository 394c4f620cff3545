package gg.kalico.telemetry.core.transport;

import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.Transport;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.io.PrintStream;
import java.time.Clock;
import org.pf4j.Extension;

/** Prints the document on standard output, for piping into another program. */
@Extension(ordinal = -10) // built-ins are listed first
public final class StdoutTransport implements Transport {

  @Override
  public String name() {
    return "stdout";
  }

  @Override
  public Receipt send(Payload payload) {
    PrintStream out = System.out;
    byte[] body = payload.body();
    out.write(body, 0, body.length);
    out.flush();
    if (out.checkError()) {
      throw new TransportException("standard output is closed or broken", false);
    }
    return new Receipt(
        name(), "stdout", payload.documentId(), body.length, Clock.systemUTC().instant());
  }
}
