package gg.kalico.telemetry.kalico.config;

import gg.kalico.telemetry.spi.TelemetryException;

/**
 * The configuration is one Kalico would refuse to load, or one this reader refuses to protect the
 * host. The message names the file (relative to the main config's folder), the line where it
 * applies, what is wrong and how to fix it; it never quotes a configuration value.
 */
public final class ConfigFileException extends TelemetryException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  ConfigFileException(String file, int line, String problem) {
    super(file + (line > 0 ? " line " + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  /** The file as shown to the user. */
  public String file() {
    return file;
  }

  /** The line the problem applies to, or 0 when it concerns the whole file. */
  public int line() {
    return line;
  }
}
