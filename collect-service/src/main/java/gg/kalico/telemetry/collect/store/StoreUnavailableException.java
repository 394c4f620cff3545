package gg.kalico.telemetry.collect.store;

/** The store cannot take reports now (down, locked or overloaded); the client should retry. */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
