package gg.kalico.telemetry.spi.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file is not what it should be (a link, a FIFO, a device, too large), so it is neither read nor
 * written. The message names the file and what to do.
 */
public final class UnsafeFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /** The file and what is wrong with it, as the rest of a sentence ("is a FIFO, ..."). */
  public UnsafeFileException(Path file, String problem) {
    super(file + " " + problem);
    this.file = file;
  }

  /** The file in question. */
  public Path file() {
    return file;
  }
}
