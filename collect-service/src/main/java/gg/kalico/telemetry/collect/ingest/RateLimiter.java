package gg.kalico.telemetry.collect.ingest;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports per client address per minute, as a token bucket per address. Addresses live only in this
 * map, in memory: never stored, logged or measured. The map is swept of quiet addresses so many
 * clients cannot grow it without bound.
 */
public final class RateLimiter {
  private static final int SWEEP_ABOVE = 50_000;
  private static final long QUIET_NANOS = 120_000_000_000L;

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  private final int perMinute;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code perMinute} 0 turns limiting off. */
  public RateLimiter(int perMinute) {
    this.perMinute = perMinute;
  }

  /** Whether this address may send one more report now. */
  public boolean tryAcquire(String address) {
    if (perMinute == 0) {
      return true;
    }
    long now = System.nanoTime();
    if (buckets.size() > SWEEP_ABOVE) {
      buckets.values().removeIf(b -> now - b.last > QUIET_NANOS);
    }
    Bucket b = buckets.computeIfAbsent(address, a -> new Bucket(perMinute, now));
    synchronized (b) {
      b.tokens = Math.min(perMinute, b.tokens + (now - b.last) * perMinute / 60e9);
      b.last = now;
      if (b.tokens < 1) {
        return false;
      }
      b.tokens -= 1;
      return true;
    }
  }

  /** Seconds until one more report is allowed, rounded up (at least 1). */
  public int retryAfterSeconds() {
    return Math.max(1, (int) Math.ceil(60.0 / Math.max(1, perMinute)));
  }
}
