package org.example.telemetry.spi.transport;

import org.example.telemetry.spi.TelemetryException;

/** A document was not delivered. Says whether a later attempt may succeed. */
public class TransportException extends TelemetryException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /** A failure; {@code retryable} is true when trying again later may succeed. */
  public TransportException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** A failure with its cause. */
  public TransportException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether trying again later may succeed (timeouts, 503) or not (a refused document). */
  public boolean retryable() {
    return retryable;
  }
}
