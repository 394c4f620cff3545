package gg.kalico.telemetry.core.internal.delivery;

import gg.kalico.telemetry.spi.transport.Receipt;

/**
 * How one document's sending round ended.
 *
 * @param kind delivered, dropped for good, or kept for a later round
 * @param receipt the receipt when delivered, else null
 * @param detail why it was dropped or kept, else null
 * @param attempts how many attempts the round made
 */
public record Outcome(Kind kind, Receipt receipt, String detail, int attempts) {

  /** The three endings. */
  public enum Kind {
    /** The receiver accepted it (2xx). */
    DELIVERED,
    /** The receiver refused it for good (a 4xx other than 429, 413, ...); it is dropped. */
    REFUSED,
    /** Not delivered yet (network down, 503, ...); it stays in the spool. */
    DEFERRED,
    /**
     * The document cannot be sent as it is (the transport refused the payload itself, for example a
     * header that cannot be built); it is set aside, never retried, and the round goes on with the
     * next.
     */
    DAMAGED
  }
}
