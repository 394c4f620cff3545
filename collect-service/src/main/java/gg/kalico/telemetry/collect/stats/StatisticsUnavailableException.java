package gg.kalico.telemetry.collect.stats;

/** No statistics could be computed yet (the store failed since the service started). */
public final class StatisticsUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StatisticsUnavailableException() {
    super("the statistics are not computed yet; retry in a minute");
  }
}
