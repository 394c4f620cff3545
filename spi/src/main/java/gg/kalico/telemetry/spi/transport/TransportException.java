package gg.kalico.telemetry.spi.transport;

import gg.kalico.telemetry.spi.TelemetryException;
import java.time.Duration;
import java.util.Optional;

/** A document was not delivered. Says whether a later attempt may succeed. */
public class TransportException extends TelemetryException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final transient Duration retryAfter;

  /** A failure; {@code retryable} is true when trying again later may succeed. */
  public TransportException(String message, boolean retryable) {
    this(message, retryable, null, null);
  }

  /** A failure with its cause. */
  public TransportException(String message, boolean retryable, Throwable cause) {
    this(message, retryable, null, cause);
  }

  /**
   * A retryable failure where the receiver said when to try again.
   *
   * @param retryAfter the receiver's wait (its Retry-After), or null when it named none
   */
  public TransportException(
      String message, boolean retryable, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** How long the receiver asked the sender to wait, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Whether trying again later may succeed (timeouts, 503) or not (a refused document). */
  public boolean retryable() {
    return retryable;
  }
}
