package gg.kalico.telemetry.plugins.outbox;

import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import gg.kalico.telemetry.spi.transport.Transport;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import org.pf4j.Extension;

/**
 * Drops each document into a directory ({@code dir} option) that another program ships, for
 * printers behind a gateway. The file is named by the document's id, so a retried document replaces
 * itself instead of appearing twice; it appears whole (written aside, then renamed).
 */
@Extension
public final class OutboxTransport implements Transport {

  @Override
  public String name() {
    return "outbox";
  }

  @Override
  public Receipt send(Payload payload) {
    String dir =
        payload
            .option("dir")
            .orElseThrow(
                () ->
                    new TransportException(
                        "the outbox transport needs the option 'dir' (the folder to drop documents in)",
                        false));
    if (!payload.documentId().matches("[A-Za-z0-9-]{1,64}")) {
      throw new TransportException("document id is not a safe file name", false);
    }
    Path folder = Path.of(dir);
    if (!Files.isDirectory(folder)) {
      throw new TransportException("outbox folder " + folder + " does not exist", true);
    }
    Path target = folder.resolve(payload.documentId() + ".json");
    if (Files.isSymbolicLink(target)) {
      throw new TransportException(
          "outbox "
              + target
              + " is a symbolic link; the outbox writes"
              + " its own files and never through a link. Remove it and send again",
          false);
    }
    // created new under a name nobody can predict, so no file or link can be placed there
    Path temp = folder.resolve("." + payload.documentId() + "." + UUID.randomUUID() + ".part");
    byte[] body = payload.body();
    try {
      try (FileChannel ch =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer buf = ByteBuffer.wrap(body);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new TransportException(
          "cannot write to outbox " + folder + " (" + e.getClass().getSimpleName() + ")", true, e);
    }
    return new Receipt(name(), target.toString(), payload.documentId(), body.length, Instant.now());
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // a hidden leftover is never read; the next attempt uses a new name
    }
  }
}
