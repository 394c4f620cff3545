package gg.kalico.telemetry.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One client's pace in the load benchmarks: a call every {@code period}, the first at a random
 * offset so clients do not start in step. A client that falls behind goes at once, so a service
 * that cannot keep up shows as fewer calls, not as hidden waiting.
 */
final class Pacer {
  private final long periodNanos;
  private long next;

  Pacer(long periodNanos) {
    this.periodNanos = periodNanos;
  }

  /** Waits for this client's next turn. */
  void await() {
    long now = System.nanoTime();
    if (next == 0) {
      next = now + ThreadLocalRandom.current().nextLong(periodNanos);
    }
    if (next > now) {
      LockSupport.parkNanos(next - now);
    }
    next += periodNanos;
  }
}
