package gg.kalico.telemetry.spi;

/**
 * The one root of every exception the telemetry framework throws on purpose.
 *
 * <p>Messages are written for the person who has to act on them: they name the file, line, key or
 * component involved and say how to fix it. They never contain a configuration value, a credential
 * or a raw machine identifier.
 */
public class TelemetryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a user-facing message. */
  public TelemetryException(String message) {
    super(message);
  }

  /** Creates an exception with a user-facing message and the underlying cause. */
  public TelemetryException(String message, Throwable cause) {
    super(message, cause);
  }
}
