package gg.kalico.telemetry.collect.stats;

/** What a machine adds to the counts could not be read back: only the repair recount mends it. */
final class CountsDamagedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CountsDamagedException(Throwable cause) {
    super(
        "a machine's counted names are damaged; run the repair recount (collect-service"
            + " recount)",
        cause);
  }
}
