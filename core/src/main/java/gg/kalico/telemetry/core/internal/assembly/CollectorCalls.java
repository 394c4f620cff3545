package gg.kalico.telemetry.core.internal.assembly;

import gg.kalico.telemetry.spi.collector.Collector;

/**
 * Asks a collector (plugin code, or a host's) for its key and order without letting it break the
 * caller: whatever it throws, a {@code StackOverflowError} or a missing class included, the answer
 * is a key no section may have ({@code ""}, reported as a bad key) or the last place.
 */
public final class CollectorCalls {
  private CollectorCalls() {}

  /** The collector's section key, or {@code ""} when it has none or throws. */
  public static String section(Collector collector) {
    try {
      String key = collector.section();
      return key == null ? "" : key;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return "";
    }
  }

  /** The collector's order, or the last place when it throws. */
  public static int order(Collector collector) {
    try {
      return collector.order();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return Integer.MAX_VALUE;
    }
  }
}
