package gg.kalico.telemetry.core.transport;

import gg.kalico.telemetry.core.internal.io.AtomicFiles;
import gg.kalico.telemetry.spi.files.UnsafeFileException;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.Transport;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import org.pf4j.Extension;

/**
 * Writes the document to the file named by the {@code path} option, atomically: another program
 * that reads the file sees the previous document or the new one, never half of one.
 */
@Extension(ordinal = -20) // built-ins are listed first
public final class FileTransport implements Transport {
  /** The option naming the target file. */
  public static final String PATH = "path";

  @Override
  public String name() {
    return "file";
  }

  @Override
  public Receipt send(Payload payload) {
    String option =
        payload
            .option(PATH)
            .orElseThrow(
                () ->
                    new TransportException(
                        "the file transport needs the option 'path' (the file to write)", false));
    Path target;
    try {
      target = Path.of(option);
    } catch (InvalidPathException e) {
      throw new TransportException("the file transport's 'path' is not a valid file name", false);
    }
    byte[] body = payload.body();
    try {
      Path written = AtomicFiles.write(target, body);
      return new Receipt(
          name(),
          written.toString(),
          payload.documentId(),
          body.length,
          Clock.systemUTC().instant());
    } catch (UnsafeFileException e) {
      throw new TransportException(e.getMessage(), false, e);
    } catch (IOException e) {
      throw new TransportException(
          "cannot write "
              + target
              + " ("
              + e.getClass().getSimpleName()
              + "); check that the folder exists and is writable",
          true,
          e);
    }
  }
}
