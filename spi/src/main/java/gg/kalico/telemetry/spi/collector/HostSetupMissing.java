package gg.kalico.telemetry.spi.collector;

import gg.kalico.telemetry.spi.TelemetryException;

/**
 * A built-in collector cannot fill its section because the embedding host left out a fact it must
 * state (for example its application name). The message says what to set and never holds a value,
 * so the core shows it to the host author as it is; from a plugin it is treated like any other
 * exception (only its class is shown).
 */
public final class HostSetupMissing extends TelemetryException {
  private static final long serialVersionUID = 1L;

  /**
   * @param howToFix what the host sets, and where (fixed text, never a value)
   */
  public HostSetupMissing(String howToFix) {
    super(howToFix);
  }
}
